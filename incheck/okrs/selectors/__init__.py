"""Every read a page or endpoint needs: user-scoped, with a bounded number of queries."""
