"""The HTML pages: each view parses input, calls one selector or service, and renders."""
