"""The job queue: Celery, with Redis as its broker when REDIS_URL is set (production: a worker and one beat).

Without REDIS_URL (the embedded default, `make run`, most tests) tasks run in the process that asks for them
(Celery's eager mode), from the same task code: `flask deliver-reminders` runs the scan in a loop there.
"""
import importlib

from celery import Celery, Task
from flask import Flask, has_app_context

SCAN_EVERY_SECONDS = 60.0


def celery_config(redis_url: str | None, timeout: float = 5.0) -> dict:
    """Celery's settings; every broker call has a connect and read timeout (REDIS_QUEUE_TIMEOUT)."""
    return {
        "broker_url": redis_url or "memory://",
        "task_always_eager": not redis_url,
        # In-process, a failing send's retries run at once, one after another (apply() re-runs it on Retry only
        # when errors don't propagate); the last failure is recorded in the sent-message log.
        "task_eager_propagates": False,
        "task_ignore_result": True,
        "task_acks_late": True,             # a worker that dies mid-task leaves it for another
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
        "broker_connection_timeout": timeout,
        "broker_transport_options": {"socket_timeout": timeout, "socket_connect_timeout": timeout},
        # Queuing a send when Redis is out gives up after about a second (the scan logs it and goes on) instead
        # of waiting for ever.
        "task_publish_retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.5,
                                      "interval_max": 0.5},
        "timezone": "UTC",
        "beat_schedule": {"scan-reminders": {"task": "reminders.scan", "schedule": SCAN_EVERY_SECONDS}},
    }


def celery_init_app(app: Flask) -> Celery:
    """Celery bound to this app: every task runs inside its app context (Flask's "Background tasks" pattern); a
    task run eagerly from inside a request or command keeps that one."""

    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            if has_app_context():
                return self.run(*args, **kwargs)
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.name, task_cls=FlaskTask)
    celery.config_from_object(celery_config(app.config.get("REDIS_URL"), app.config["REDIS_QUEUE_TIMEOUT"]))
    celery.set_default()
    app.extensions["celery"] = celery
    importlib.import_module("app.reminders.tasks")  # registers the tasks (shared_task) on this app
    return celery
