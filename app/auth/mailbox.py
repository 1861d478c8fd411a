"""One mailbox, however its address is written: what sign-up and reset mails are counted by.

Without it, `june+1@example.com`, `june+2@example.com`, … would each get their own count, and one person could
send a stranger's inbox dozens of sign-up mails an hour. Plain Python: no app, no request.
"""
import unicodedata

# Sign-up mails one mailbox receives (README "Limits, sign-in and sessions").
SIGNUP_MAILS_PER_MAILBOX = "3 per hour"
RESET_MAILS_PER_MAILBOX = "3 per hour"

# Providers that deliver "j.u.n.e@" to "june@": dots are folded only for them, since elsewhere "jo.ann@" and
# "joann@" may be two people (Gmail Help, "Dots don't matter in Gmail addresses"; googlemail.com is the same
# service's other name).
DOTS_IGNORED = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
# A "+tag" subaddress (RFC 5233) reaches the mailbox before the "+" at every large provider; a mailbox whose local
# part really holds a "+" is rare enough to share its count with its tagged forms.
SUBADDRESS_SEPARATOR = "+"
MAILBOX_KEY_MAX = 254


def mailbox_key(email: str) -> str:
    """The mailbox an address reaches: lower case, the +tag folded, and the dots for providers that ignore them."""
    address = unicodedata.normalize("NFKC", (email or "").strip()).lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address[:MAILBOX_KEY_MAX]
    domain = domain.rstrip(".")
    local = local.split(SUBADDRESS_SEPARATOR, 1)[0] or local
    if domain in DOTS_IGNORED:
        domain = DOTS_IGNORED[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"[:MAILBOX_KEY_MAX]
