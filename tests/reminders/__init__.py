"""Reminders, medicine schedules and the calendar feed."""
