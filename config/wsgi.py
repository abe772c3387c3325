import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Gunicorn runs no system check: refuse to serve with an external service set to a provider that
# does not exist, as every management command does.
from core.plugins import registry  # noqa: E402

registry.validate()
