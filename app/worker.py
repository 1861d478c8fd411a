"""The Celery app for `celery -A app.worker worker` and `celery -A app.worker beat` (README "Reminders")."""
from app import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
