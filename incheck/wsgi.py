import gc
import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incheck.settings")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as problem:
    # Served by a gunicorn of one's own (`incheck serve` checks the settings before it starts):
    # one line, and exit code 4, gunicorn's "the application could not be loaded", so that it
    # stops instead of starting the worker again and again.
    print(f"incheck: configuration: {problem}", file=sys.stderr)
    sys.exit(4)

# What the process holds once Django is set up (modules, models, settings) lives as long as the
# process: kept out of the collector's full passes, which otherwise walk it again in some
# requests (in-process a KR page's median 26 → 21 ms, docs/architecture.md).
gc.freeze()
