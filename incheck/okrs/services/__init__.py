"""Every write: one function each, keyword-only, one transaction each.

The HTML views and the API operations call these same functions.
"""
