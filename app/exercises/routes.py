"""Exercise pages: always the signed-in member's own sessions and private exercises."""
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug import Response
from werkzeug.datastructures import MultiDict

from app.access import owned_or_404, require_member, visible_or_404
from app.exercises.forms import MAX_ENTRIES, CustomExerciseForm, SessionForm, TodayForm, WalkForm
from app.exercises.models import Exercise, ExerciseSession, ProgramItem
from app.exercises.pages import exercise_labels, session_page, sessions_page
from app.exercises.poses import illustration
from app.exercises.program import program_for, program_items
from app.exercises.rules import FIELDS_FOR
from app.exercises.services import (
    EntryData,
    ExerciseChoice,
    SessionData,
    custom_exercise_in_use,
    exercises_for,
    impact_note,
    last_session,
    load_session,
    safety_profile,
    save_session,
)
from app.extensions import db
from app.forms import EmptyForm, row_id, small_number
from app.function.services import open_requests
from app.guidance.bands import BANDS
from app.guidance.bands import BY_KEY as BAND_KEYS
from app.guidance.bands import SOURCE as BAND_SOURCE
from app.submissions import handle_once, save_once, submitted_id

bp = Blueprint("exercises", __name__, url_prefix="/exercises")
bp.before_request(require_member)



def _choices() -> list[ExerciseChoice]:
    return exercises_for(current_user.id, safety_profile(current_user.id))


@bp.route("/")
def list_sessions() -> tuple[str, int]:
    context, status = sessions_page(current_user.id, request.args)
    return render_template("exercises/list.html", **context), status


@bp.route("/<id:exercise_id>/picture")
def exercise_picture(exercise_id: int) -> Response:
    """One exercise's illustration (catalog or her own), for the session form's row when the choice changes."""
    exercise = visible_or_404(Exercise, exercise_id, current_user.id)
    response = Response(str(illustration(exercise.slug, exercise.kind)), mimetype="text/html")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.route("/catalog")
def catalog() -> str:
    return render_template("exercises/catalog.html", choices=_choices(), **exercise_labels())


def _entry_data(form: SessionForm) -> list[EntryData]:
    entries = []
    for row in (r.form for r in form.entries):
        exercise = row.chosen.exercise  # type: ignore[union-attr]
        entries.append(EntryData(
            exercise_id=exercise.id,
            sets=row.sets.data if exercise.measure != "minutes" or row.sets.data else None,
            reps_per_set=row.reps_per_set,
            band_colour=(row.band_colour.data or None) if exercise.uses_band else None,
            band_note=(row.band_note.data or None) if exercise.uses_band and row.band_colour.data == "other" else None,
            minutes=row.minutes.data, hold_seconds=row.hold_seconds.data, impacts=row.impacts.data,
            caution_confirmed=bool(row.chosen.cautions)))  # type: ignore[union-attr]
    return entries


def _session_data(form: SessionForm) -> SessionData:
    return SessionData(
        session_date=form.session_date.data, entries=_entry_data(form), start_time=form.start_time.data,
        total_minutes=form.total_minutes.data, effort=form.effort.data, pain=form.pain.data == "yes",
        pain_where=form.pain_where.data or None, pain_note=form.pain_note.data or None,
        notes=form.notes.data or None)


def _form_data_from(session: ExerciseSession, keep_date: bool) -> dict[str, Any]:
    """Pre-fill a session form from a logged session (edit, or "repeat my last session")."""
    return {
        "session_date": session.session_date if keep_date else current_user.today(),
        "start_time": session.start_time if keep_date else None,
        "total_minutes": session.total_minutes, "effort": session.effort,
        "pain": "yes" if (session.pain and keep_date) else "no",
        "pain_where": session.pain_where if keep_date else None,
        "pain_note": session.pain_note if keep_date else None,
        "notes": session.notes if keep_date else None,
        "entries": [{
            "exercise": str(e.exercise_id), "sets": e.sets,
            "reps": ", ".join(map(str, e.reps_per_set)) if e.reps_per_set and len(set(e.reps_per_set)) > 1
            else (str(e.reps_per_set[0]) if e.reps_per_set else ""),
            "band_colour": e.band_colour or "", "band_note": e.band_note, "minutes": e.minutes,
            "hold_seconds": e.hold_seconds,
            "impacts": e.impacts if not e.exercise.reps_are_impacts else None,
        } for e in session.entries],
    }


def _row_index(key: str) -> int | None:
    parts = key.split("-", 2)
    if len(parts) == 3 and parts[0] == "entries":
        return small_number(parts[1])
    return None


def _without_row(formdata: MultiDict, index: int) -> MultiDict:
    """The posted form minus entry `index`, the rows after it renumbered."""
    result = MultiDict()
    for key, value in formdata.items(multi=True):
        n = _row_index(key)
        if n == index:
            continue
        if n is not None and n > index:
            key = f"entries-{n - 1}-{key.split('-', 2)[2]}"
        result.add(key, value)
    return result


CARRIED = ("sets", "reps", "band_colour", "band_note")  # what a new row takes from the row above it


def _with_blank_row(formdata: MultiDict) -> MultiDict:
    """The posted form plus one new entry row at the end (up to MAX_ENTRIES), with the sets, reps and band of
    the row above it: three band exercises are usually done with the same band and dose."""
    result = formdata.copy()
    rows = 1 + max((n for n in map(_row_index, formdata.keys()) if n is not None), default=-1)
    if rows < MAX_ENTRIES:
        result.add(f"entries-{rows}-exercise", "")
        for name in CARRIED if rows else ():
            value = formdata.get(f"entries-{rows - 1}-{name}")
            if value:
                result.add(f"entries-{rows}-{name}", value)
    return result


def _session_form_response(session: ExerciseSession | None,
                           initial: dict[str, Any] | None) -> Response | tuple[str, int]:
    choices = _choices()
    rows_changed = request.method == "POST" and ("add_entry" in request.form or "remove_entry" in request.form)
    form_kwargs: dict[str, Any] = {}  # leave formdata unset: Flask-WTF then reads the posted form
    if request.method == "POST" and any(_row_index(k) is None and k.startswith("entries-") for k in request.form):
        # A row number that isn't one (WTForms would int() "entries-²-sets") is dropped, like an unknown field.
        form_kwargs["formdata"] = MultiDict([(k, v) for k, v in request.form.items(multi=True)
                                             if not k.startswith("entries-") or _row_index(k) is not None])
    if rows_changed:
        posted = form_kwargs.get("formdata", request.form)
        index = small_number(request.form.get("remove_entry"))
        formdata = _without_row(posted, index) if index is not None else _with_blank_row(posted)
        if not any(_row_index(k) is not None for k in formdata.keys()):
            formdata = _with_blank_row(formdata)
        form_kwargs["formdata"] = formdata
    form = SessionForm(data=initial, choices=choices, today=current_user.today(), **form_kwargs)
    if rows_changed:
        # Changing the rows is not saving: keep what she typed and show no errors yet.
        return _render_session_form(form, session), 200
    if form.validate_on_submit():
        exercises = {c.exercise.id: c.exercise for c in choices}
        if session is None:
            submission = form.submission_id.data
            saved, new = save_once(ExerciseSession, current_user.id, submission, lambda: save_session(
                ExerciseSession(member_id=current_user.id, submission_id=submission), _session_data(form), exercises))
            if not new:
                return _already_saved(saved)
        else:
            saved = save_session(session, _session_data(form), exercises)
            db.session.commit()
        flash("Your session is saved." if session is None else "Your session is updated.", "success")
        _note_low_impact([exercises[e.exercise_id] for e in _session_data(form).entries if e.exercise_id in exercises])
        return redirect(url_for("exercises.view_session", session_id=saved.id))
    return _render_session_form(form, session), (400 if form.is_submitted() else 200)


def _note_low_impact(logged: list[Exercise]) -> None:
    """Low-impact landings count as minutes, not impacts: say so at save, naming one that would count."""
    note = impact_note(current_user.id, logged)
    if note:
        flash(note, "info")


def _already_saved(session: ExerciseSession) -> Response:
    """The answer to a form sent twice (a double tap, a resent page): the session saved the first time."""
    flash("This session was already saved; here it is.", "info")
    return redirect(url_for("exercises.view_session", session_id=session.id))


def _render_session_form(form: SessionForm, session: ExerciseSession | None) -> str:
    return render_template("exercises/session_form.html", form=form, session=session, bands=BANDS,
                           band_source=BAND_SOURCE, max_entries=MAX_ENTRIES, **exercise_labels())


@bp.route("/sessions/new", methods=["GET", "POST"])
def new_session() -> Response | tuple[str, int]:
    initial: dict[str, Any] = {"session_date": current_user.today()}
    if request.method == "GET" and request.args.get("repeat") == "last":
        last = last_session(current_user.id)
        if last is None:
            flash("You haven't logged a session yet, so there is nothing to repeat.", "info")
        else:
            initial = _form_data_from(last, keep_date=False)
            flash(f"Filled in from your session of {last.session_date.isoformat()}. Check it and save.", "info")
    elif request.method == "GET" and request.args.get("program") == "mine":
        items = program_items(current_user.id)
        if items:
            initial["entries"] = [{"exercise": str(i.exercise_id), "sets": i.sets,
                                   "reps": str(i.reps) if i.reps else "", "hold_seconds": i.hold_seconds,
                                   "minutes": i.minutes, "band_colour": i.band_colour or ""} for i in items]
            flash("Filled in from your program. Change what you did differently, then save.", "info")
    elif request.method == "GET" and row_id(request.args.get("exercise")):
        # One exercise, with the dose Home's "Next step" gave (each a small number, or left empty).
        initial["entries"] = [{"exercise": request.args["exercise"], **{
            name: small_number(request.args.get(name)) for name in ("sets", "hold_seconds", "minutes")},
            "reps": str(small_number(request.args.get("reps")) or ""),
            "band_colour": request.args.get("band_colour") if request.args.get("band_colour") in BAND_KEYS else ""}]
    return _session_form_response(None, initial)


@bp.route("/sessions/<id:session_id>")
def view_session(session_id: int) -> str:
    return render_template("exercises/view.html", **(session_page(current_user.id, session_id) or abort(404)))


@bp.route("/sessions/<id:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id: int) -> Response | tuple[str, int]:
    session = load_session(current_user.id, session_id) or abort(404)
    return _session_form_response(session, _form_data_from(session, keep_date=True))


@bp.route("/sessions/<id:session_id>/delete", methods=["GET", "POST"])
def delete_session(session_id: int) -> Response | str:
    session = load_session(current_user.id, session_id) or abort(404)
    form = EmptyForm()
    if form.validate_on_submit():
        db.session.delete(session)
        db.session.commit()
        flash("The session is deleted.", "success")
        return redirect(url_for("exercises.list_sessions"))
    return render_template("exercises/confirm_delete.html", session=session, form=form, **exercise_labels())


def program_entry(item: ProgramItem, exercise: Exercise, confirmed: bool) -> EntryData:
    """One prescribed exercise logged as prescribed (only the amounts its measure uses)."""
    uses = FIELDS_FOR[exercise.measure]
    return EntryData(exercise_id=exercise.id, sets=item.sets if "sets" in uses else None,
                     reps_per_set=[item.reps] * item.sets if "reps" in uses and item.reps else None,
                     band_colour=item.band_colour if exercise.uses_band else None,
                     minutes=item.minutes if "minutes" in uses else None,
                     hold_seconds=item.hold_seconds if "hold_seconds" in uses else None,
                     caution_confirmed=confirmed)


@bp.route("/today", methods=["GET", "POST"])
def today() -> Response | tuple[str, int]:
    """Her program for today: tick each exercise as it is done, then save them as one session."""
    day = current_user.today()
    rows = program_for(current_user.id, day)
    cautions = {c.exercise.id: c.cautions for c in _choices() if c.cautions}
    form = TodayForm(data={"session_date": day}, item_ids=[str(r.item.id) for r in rows],
                     cautioned={str(r.item.id) for r in rows if r.exercise.id in cautions}, today=day)
    if rows and form.validate_on_submit():
        ticked = set(form.ticked)
        done = [r for r in rows if str(r.item.id) in ticked]
        data = SessionData(session_date=day, effort=form.effort.data, pain=form.pain.data == "yes",
                           pain_where=form.pain_where.data or None,
                           entries=[program_entry(r.item, r.exercise, r.exercise.id in cautions) for r in done])
        submission = form.submission_id.data
        saved, new = save_once(ExerciseSession, current_user.id, submission, lambda: save_session(
            ExerciseSession(member_id=current_user.id, submission_id=submission), data,
            {r.exercise.id: r.exercise for r in done}))
        if not new:
            return _already_saved(saved)
        flash(f"{len(done)} exercise{'s' if len(done) != 1 else ''} from your program: saved.", "success")
        _note_low_impact([r.exercise for r in done])
        return redirect(url_for("exercises.view_session", session_id=saved.id))
    return render_template("exercises/today.html", form=form, rows=rows, cautions=cautions, day=day,
                           function_requests=open_requests(current_user.id),
                           **exercise_labels()), (400 if form.is_submitted() else 200)


WALK_IMPACTS_FIRST = "stamping"  # the impact the walk form offers first (ROS 2022: "stamping")


@bp.route("/walk", methods=["GET", "POST"])
def log_walk() -> Response | tuple[str, int]:
    everything = _choices()
    choices = [c for c in everything
               if c.exercise.kind == "weight_bearing" and c.exercise.measure == "minutes" and not c.cautions]
    impact_choices = sorted((c for c in everything if c.exercise.kind == "weight_bearing"
                             and c.exercise.reps_are_impacts and not c.cautions and not c.exercise.is_custom),
                            key=lambda c: c.exercise.slug != WALK_IMPACTS_FIRST)
    asked = request.args.get("activity")  # Home's "Next step" can ask for brisk walking and its minutes
    walking = next((c for c in choices if str(c.exercise.id) == asked), None) or \
        next((c for c in choices if c.exercise.slug == "walking"), None)
    minutes = small_number(request.args.get("minutes")) or 30
    form = WalkForm(data={"session_date": current_user.today(), "minutes": minutes,
                          "exercise": str(walking.exercise.id) if walking else None,
                          "impact_exercise": str(impact_choices[0].exercise.id) if impact_choices else None},
                    choices=choices, impact_choices=impact_choices, today=current_user.today())
    if form.validate_on_submit():
        choice = form.by_id[form.exercise.data]
        entries = [EntryData(exercise_id=choice.exercise.id, minutes=form.minutes.data)]
        exercises = {choice.exercise.id: choice.exercise}
        impacts = form.impacts.data if form.has_impacts else None
        if impacts:
            kind = form.by_id[form.impact_exercise.data].exercise
            entries.append(EntryData(exercise_id=kind.id, sets=1, reps_per_set=[impacts], impacts=impacts))
            exercises[kind.id] = kind
        data = SessionData(session_date=form.session_date.data, effort=form.effort.data,
                           total_minutes=form.minutes.data, entries=entries)
        submission = form.submission_id.data
        saved, new = save_once(ExerciseSession, current_user.id, submission, lambda: save_session(
            ExerciseSession(member_id=current_user.id, submission_id=submission), data, exercises))
        if not new:
            return _already_saved(saved)
        done = f"{choice.exercise.name}, {form.minutes.data} minutes"
        if impacts:
            done += f", with {impacts} × {kind.name.lower()}"
        flash(f"{done}: saved.", "success")
        _note_low_impact(list(exercises.values()))
        return redirect(url_for("exercises.view_session", session_id=saved.id))
    return render_template("exercises/walk.html", form=form), (400 if form.is_submitted() else 200)


@bp.route("/custom/new", methods=["GET", "POST"])
def new_custom_exercise() -> Response | tuple[str, int]:
    return _custom_exercise_response(None)


@bp.route("/custom/<id:exercise_id>/edit", methods=["GET", "POST"])
def edit_custom_exercise(exercise_id: int) -> Response | tuple[str, int]:
    return _custom_exercise_response(owned_or_404(Exercise, exercise_id, current_user.id))


def _custom_exercise_response(exercise: Exercise | None) -> Response | tuple[str, int]:
    form = CustomExerciseForm(obj=exercise)
    if form.validate_on_submit():
        is_new = exercise is None
        exercise = exercise or Exercise(member_id=current_user.id)

        def save() -> str:
            form.populate_obj(exercise)
            db.session.add(exercise)
            db.session.flush()
            return url_for("exercises.catalog") + f"#exercise-{exercise.id}"

        location, new = handle_once(current_user.id, submitted_id() if is_new else None, request.path, save)
        flash(f"“{exercise.name}” is saved with your exercises." if new
              else f"“{form.name.data}” was already saved; it is there once.", "success" if new else "info")
        return redirect(location)
    return render_template("exercises/custom_form.html", form=form, exercise=exercise), \
        (400 if form.is_submitted() else 200)


@bp.route("/custom/<id:exercise_id>/delete", methods=["POST"])
def delete_custom_exercise(exercise_id: int) -> Response:
    exercise = owned_or_404(Exercise, exercise_id, current_user.id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if custom_exercise_in_use(exercise.id):
        flash(f"“{exercise.name}” is in some of your sessions, so it stays. Remove it from them first.", "error")
    else:
        db.session.delete(exercise)
        db.session.commit()
        flash(f"“{exercise.name}” is deleted.", "success")
    return redirect(url_for("exercises.catalog"))
