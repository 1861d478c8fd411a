"""Falls and function: the STEADI tests she does at home or her therapist measures in clinic (app/guidance/function.py
judges them), and her therapist's requests to repeat one."""
