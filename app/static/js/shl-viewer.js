// Ossify's SMART Health Link viewer. The link's payload (after "#shlink:/") holds the manifest URL and the key; the
// part after "#" never leaves this browser. The manifest is asked for with the viewer's name (and passcode), and the
// record (a JWE: "dir" + A256GCM, HL7 SMART Health Links IG) is decrypted here with WebCrypto, then shown as text.
(function () {
  var root = document.getElementById("shl-viewer");
  if (!root) { return; }
  var form = document.getElementById("shl-form");
  var error = document.getElementById("shl-error");
  var out = document.getElementById("shl-record");
  var paste = document.getElementById("shl-paste");
  function askForLink(message) {
    paste.hidden = false;
    document.getElementById("shl-paste-error").textContent = message || "";
  }
  paste.addEventListener("submit", function (event) {  // a pasted link opens here, its key staying in this browser
    event.preventDefault();
    var text = document.getElementById("shl-pasted").value.trim();
    var at = text.indexOf("shlink:/");
    if (at < 0) { askForLink("That is not a SMART Health Link: it should contain “shlink:/”."); return; }
    location.hash = text.slice(at);
    location.reload();
  });
  var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
  var start = hash.indexOf("shlink:/");
  if (start < 0) { askForLink(); return; }

  function fromB64url(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var raw = atob(b64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }
  var payload;
  try {
    payload = JSON.parse(new TextDecoder().decode(fromB64url(hash.slice(start + 8))));
  } catch (e) { askForLink("That link is damaged: ask for a new one."); return; }
  if (payload.exp && payload.exp * 1000 < Date.now()) {
    error.textContent = "This link has expired."; form.hidden = false; form.querySelector("button").disabled = true;
    return;
  }
  var needsPasscode = (payload.flag || "").indexOf("P") !== -1;
  document.getElementById("shl-passcode-row").hidden = !needsPasscode;
  form.hidden = false;

  function decrypt(jwe) {
    var parts = jwe.split(".");
    var joined = new Uint8Array(fromB64url(parts[3]).length + fromB64url(parts[4]).length);
    joined.set(fromB64url(parts[3]));
    joined.set(fromB64url(parts[4]), fromB64url(parts[3]).length);
    return crypto.subtle.importKey("raw", fromB64url(payload.key), "AES-GCM", false, ["decrypt"]).then(function (key) {
      return crypto.subtle.decrypt({ name: "AES-GCM", iv: fromB64url(parts[2]),
        additionalData: new TextEncoder().encode(parts[0]), tagLength: 128 }, key, joined);
    }).then(function (plain) { return JSON.parse(new TextDecoder().decode(plain)); });
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function quantity(q) { return q ? (q.value + " " + (q.unit || "")).trim() : ""; }
  function show(bundle) {
    out.textContent = "";
    var resources = (bundle.entry || []).map(function (e) { return e.resource; });
    var patient = resources.filter(function (r) { return r.resourceType === "Patient"; })[0] || {};
    out.appendChild(el("h2", (patient.name && patient.name[0].text) || "Patient"));
    var facts = [];
    if (patient.birthDate) { facts.push("Born " + patient.birthDate); }
    if (patient.gender) { facts.push(patient.gender); }
    if (facts.length) { out.appendChild(el("p", facts.join(" · "))); }
    var scans = resources.filter(function (r) { return r.valueQuantity && r.valueQuantity.unit === "T-score"; });
    out.appendChild(el("h3", "DXA T-scores"));
    if (scans.length) {
      var table = el("table");
      var head = el("tr");
      ["Date", "Site", "T-score"].forEach(function (h) { var th = el("th", h); th.scope = "col"; head.appendChild(th); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var body = el("tbody");
      scans.forEach(function (s) {
        var row = el("tr");
        [s.effectiveDateTime, s.code.text, String(s.valueQuantity.value)].forEach(function (c) { row.appendChild(el("td", c)); });
        body.appendChild(row);
      });
      table.appendChild(body); out.appendChild(table);
    } else { out.appendChild(el("p", "None recorded.")); }
    var sections = [
      ["Measurements and tests", function (r) { return r.resourceType === "Observation" && !scans.includes(r) && !r.component; },
        function (r) { return r.effectiveDateTime + ": " + r.code.text + " " + (quantity(r.valueQuantity) || r.valueString || "") +
          (r.interpretation ? " (" + r.interpretation[0].text + ")" : ""); }],
      ["Fractures", function (r) { return r.resourceType === "Condition"; },
        function (r) { return (r.onsetDateTime || "") + ": " + r.code.text; }],
      ["Bone medicines", function (r) { return r.resourceType === "MedicationStatement"; },
        function (r) { var p = r.effectivePeriod || {}; return r.medicationCodeableConcept.text + " (" + r.status +
          (p.start ? ", from " + p.start : "") + (p.end ? " to " + p.end : "") + ")"; }],
      ["Her latest full week", function (r) { return !!r.component; },
        function (r) { return r.effectivePeriod.start + " to " + r.effectivePeriod.end + ": " +
          r.component.map(function (c) { return c.code.text + " " + quantity(c.valueQuantity); }).join("; "); }]
    ];
    sections.forEach(function (s) {
      var found = resources.filter(s[1]);
      out.appendChild(el("h3", s[0]));
      if (!found.length) { out.appendChild(el("p", "None recorded.")); return; }
      var list = el("ul");
      found.forEach(function (r) { list.appendChild(el("li", s[2](r))); });
      out.appendChild(list);
    });
    out.appendChild(el("p", "From Ossify, shared by the patient as a SMART Health Link (FHIR R4)."));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.textContent = "";
    var recipient = document.getElementById("shl-recipient").value.trim();
    if (!recipient) { error.textContent = "Enter your name or your clinic's."; return; }
    var body = { recipient: recipient };
    if (needsPasscode) { body.passcode = document.getElementById("shl-passcode").value; }
    fetch(payload.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        if (response.status === 401) {
          return response.json().then(function (j) {
            throw new Error("Wrong passcode. " + j.remainingAttempts + " tries left.");
          });
        }
        if (!response.ok) { throw new Error("This link doesn't work: it has expired or was withdrawn."); }
        return response.json();
      })
      .then(function (manifest) { return decrypt(manifest.files[0].embedded); })
      .then(function (bundle) { form.hidden = true; show(bundle); })
      .catch(function (e) { error.textContent = e.message || "The record could not be opened."; });
  });
})();
