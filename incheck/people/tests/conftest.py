from incheck.okrs.tests.api.helpers import api

__all__ = ["api"]
