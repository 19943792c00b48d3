#!/usr/bin/env python3
"""Writes the JSON Schemas (draft 2020-12) of sejour61's formats into this
directory: one self-contained file per format. The schemas are the contract of
../../shared/spec/interfaces.md as the code implements it; tests/python/
test_schemas.py validates every output of every scenario against them.

    python3 schemas/make.py      # after changing a format: rewrite, review the diff
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://sejour61.example/schemas/"

DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
DATE_OR_NULL = {"anyOf": [DATE, {"type": "null"}]}
STATE = {"enum": ["start", "detected", "reflection", "provisional", "temporary", "indefinite", "closed"]}
CLOSURE = {"enum": ["not_eligible", "reflection_lapsed", "conditions_not_met", "withdrawn", "left_procedure", None]}
DOCUMENT = {"enum": ["oqt45", "annex15", "ai", "a_card", "b_card"]}
DOCUMENT_OR_NULL = {"enum": ["oqt45", "annex15", "ai", "a_card", "b_card", None]}
RULE = {"type": "string", "pattern": r"^R-[A-Z0-9/-]*[A-Z0-9]$"}
TEXT = {"type": "string"}
STAMP = {"engine": {"type": "string", "pattern": r"^[0-9]+\.[0-9]+\.[0-9]+$"},
         "rules": {"type": "string", "pattern": r"^sha256:[0-9a-f]{64}$"}}
STATUS_OF_PARAM = {"enum": ["law", "secondary", "interpretation", "hypothetical"]}


def obj(props, required=None, extra=False):
    o = {"type": "object", "properties": props, "required": list(props) if required is None else required}
    if not extra:
        o["additionalProperties"] = False
    return o


def fmt(name):
    return {"const": name}


WARNING = obj({"rule": RULE, "message": TEXT, "date": DATE, "basis": TEXT})
PERIOD = obj({"state": STATE, "document": DOCUMENT_OR_NULL, "from": DATE, "until": DATE_OR_NULL,
              "rule": RULE, "basis": TEXT}, required=["state", "document", "from", "until"])
PARAM_READ = obj({"value": {}, "basis": TEXT, "status": STATUS_OF_PARAM, "regime": TEXT})

schemas = {}

# ---- input: the case file -------------------------------------------------
EV = {
    "indications": {"by": {"enum": ["police", "inspection"]}},
    "centre_contact": {"centre": TEXT},
    "cooperation": {"form": {"enum": ["complaint", "statement"]}},
    "prosecutor_opinion": {"by": {"enum": ["prosecutor", "labour_auditor"]}, "victim": {"type": "boolean"},
                           "proceedings_ongoing": {"type": "boolean"}, "cooperating": {"type": "boolean"},
                           "qualification_clear": {"type": "boolean"}},
    "identity_established": {},
    "withdrawal_ground": {"ground": {"enum": ["contact_renewed", "public_order", "fraud", "cooperation_stopped",
                                              "accompaniment_ended"]}},
    "proceedings_ended": {"outcome": {"enum": ["dismissed", "acquitted", "immunity"]}},
    "requisitions": {"teh_charge": {"type": "boolean"}},
    "conviction": {"final": {"type": "boolean"}},
    "indefinite_decision": {"granted": {"type": "boolean"}},
    "document_issued": {"document": DOCUMENT, "expires": DATE},
    "left_procedure": {"reason": TEXT},
    "labour_auditor_finding": {"teh": {"type": "boolean"}},
    "labour_proceedings": {"status": {"enum": ["pending", "judgment"]}, "favourable": {"type": "boolean"}},
}
OPTIONAL = {"qualification_clear", "final", "expires", "favourable"}
TIMESTAMP = {"type": "string",
             "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$"}
NONEMPTY = {"type": "string", "minLength": 1}
RECORDED = obj({"at": TIMESTAMP, "by": NONEMPTY})
events = []
for t, fields in EV.items():
    props = {"date": DATE, "type": {"const": t}, **fields, "recorded": RECORDED}
    e = obj(props, required=["date", "type"] + [k for k in fields if k not in OPTIONAL])  # recorded: optional
    if t == "labour_proceedings":
        e["if"] = {"properties": {"status": {"const": "judgment"}}}
        e["then"] = {"required": ["favourable"]}
        e["else"] = {"not": {"required": ["favourable"]}}
    events.append(e)
schemas["case"] = {
    "title": "sejour61.case/1: a case file",
    **obj({
        "format": fmt("sejour61.case/1"),
        "id": {"type": "string", "minLength": 1},
        "person": obj({"birth_date": DATE, "nationality": {"type": "string", "pattern": "^[A-Z]{2}$"},
                       "unaccompanied": {"type": "boolean"}, "employer_immunity": {"type": "boolean"}},
                      required=["birth_date", "nationality"]),
        "offence": {"oneOf": [obj({"type": {"const": "trafficking"}}),
                              obj({"type": {"const": "smuggling"},
                                   "aggravating": {"type": "array", "minItems": 1,
                                                   "items": {"type": "integer", "minimum": 1, "maximum": 5}}})]},
        "events": {"type": "array", "maxItems": 10000, "items": {"oneOf": events}},
        "references": obj({"prosecutor_notice": NONEMPTY, "oe_file": NONEMPTY, "centre_file": NONEMPTY}, required=[]),
        "notes": TEXT,
    }, required=["format", "id", "person", "offence", "events"]),
}

# ---- record's journal, history and event types (issue 12) ----------------------
EVENT_OR_NULL = {"type": ["object", "null"]}
POSITION = {"type": ["integer", "null"], "minimum": 1}
SHA = {"type": "string", "pattern": r"^sha256:[0-9a-f]{64}$"}
CHANGE = {"enum": ["add", "amend", "undo"]}
schemas["journal-line"] = {"title": "sejour61.journal/1: one line of CASE.journal", **obj({
    "format": fmt("sejour61.journal/1"), "change": CHANGE, "at": TIMESTAMP, "by": NONEMPTY,
    "position_before": POSITION, "position_after": POSITION, "before": EVENT_OR_NULL, "after": EVENT_OR_NULL,
    "case_before": SHA, "case_after": SHA})}
schemas["history"] = {"title": "sejour61.history/1", **obj({
    "format": fmt("sejour61.history/1"), "case": TEXT, "journal": TEXT,
    "changes": {"type": "array", "items": obj({
        "n": {"type": "integer", "minimum": 1}, "change": {"type": ["string", "null"]},
        "at": {"type": ["string", "null"]}, "by": {"type": ["string", "null"]},
        "position_before": POSITION, "position_after": POSITION, "before": EVENT_OR_NULL, "after": EVENT_OR_NULL,
        "applied": {"type": ["boolean", "null"]}})},
    "torn_lines": {"type": "integer", "minimum": 0}})}
schemas["events"] = {"title": "sejour61.events/1", **obj({
    "format": fmt("sejour61.events/1"), "lang": TEXT,
    "types": {"type": "array", "items": obj({
        "type": TEXT, "name": TEXT, "about": TEXT, "aliases": {"type": "array", "items": TEXT},
        "fields": {"type": "array", "items": obj({
            "name": TEXT, "flag": {"type": "string", "pattern": "^--[a-z-]+$"},
            "kind": {"enum": ["choice", "text", "boolean", "date"]}, "required": {"type": "boolean"},
            "default": {"type": ["boolean", "null"]}, "about": TEXT,
            "values": {"type": "array", "items": obj({"value": TEXT, "aliases": {"type": "array", "items": TEXT}})}})}})}})}

# ---- outputs ------------------------------------------------------------------
DOC = obj({"id": DOCUMENT, "from": DATE, "until": DATE_OR_NULL, "extensions": {"type": "integer", "minimum": 0},
           "first_issued": DATE, "regime": TEXT})
schemas["status"] = {"title": "sejour61.status/1", **obj({
    "format": fmt("sejour61.status/1"), "case": TEXT, "on": DATE, "state": STATE, "closure_reason": CLOSURE,
    "document": {"anyOf": [DOC, {"type": "null"}]}, "regime": TEXT, "reforms": {"type": "array", "items": TEXT},
    "minor": {"type": "boolean"},
    "deadlines": {"type": "array", "items": obj({"id": {"enum": ["reflection-last-day", "document-end",
                                                                   "prosecutor-consultation", "renewal-request",
                                                                   "indefinite-request", "majority"]},
                                                   "date": DATE, "basis": TEXT})},
    "sensitivities": {"type": "array", "items": obj({"field": TEXT, "convention": TEXT, "date": DATE})},
    "warnings": {"type": "array", "items": WARNING},
    "state_rule": obj({"rule": RULE, "basis": TEXT}),
    "recorded": {"const": True},
    "no_effect": obj({"rule": RULE, "message": TEXT}),
    **STAMP}, required=["format", "case", "on", "state", "closure_reason", "document", "regime", "reforms", "minor",
                        "deadlines", "sensitivities", "warnings", "engine", "rules"])}
schemas["timeline"] = {"title": "sejour61.timeline/1", **obj({
    "format": fmt("sejour61.timeline/1"), "case": TEXT, "on": DATE, "regime": TEXT,
    "reforms": {"type": "array", "items": TEXT}, "periods": {"type": "array", "minItems": 1, "items": PERIOD},
    "closure_reason": CLOSURE, **STAMP})}
TRI = {"enum": ["holds", "fails", "unknown"]}
schemas["explain"] = {"title": "sejour61.explain/1", **obj({
    "format": fmt("sejour61.explain/1"), "case": TEXT, "on": DATE, "regime": TEXT,
    "reforms": {"type": "array", "items": TEXT}, "state": STATE, "closure_reason": CLOSURE,
    "decisions": {"type": "array", "items": obj({
        "date": DATE, "rule": RULE, "basis": TEXT, "event": TEXT, "event_index": {"type": ["integer", "null"]},
        "from": STATE, "to": STATE, "message": TEXT,
        "params": {"type": "object", "additionalProperties": PARAM_READ},
        "also": {"type": "array", "items": obj({"rule": RULE, "basis": TEXT})},
        "facts": obj({"decision_day": DATE, "victim": TRI, "proceedings_ongoing": TRI, "cooperating": TRI,
                      "identity_established": TRI, "waived": TEXT, "labour_track": {"type": "boolean"}},
                     required=["decision_day", "victim", "proceedings_ongoing", "cooperating", "identity_established"])},
        required=["date", "rule", "basis", "event", "from", "to", "message"])},
    "warnings": {"type": "array", "items": WARNING}, **STAMP})}
CONSEQUENCE = obj({"date": DATE, "state": STATE, "closure_reason": CLOSURE, "document": DOCUMENT_OR_NULL,
                   "rule": RULE, "kind": {"enum": ["extension", "a_card", "renewal", "exhausted", "closes", "lapsed", "ai",
                                                   "indefinite", "unchanged"]}})
schemas["next"] = {"title": "sejour61.next/1", **obj({
    "format": fmt("sejour61.next/1"), "case": TEXT, "on": DATE, "lang": TEXT, "regime": TEXT,
    "reforms": {"type": "array", "items": TEXT}, "state": STATE,
    "closure_reason": CLOSURE,
    "document": {"anyOf": [obj({"id": DOCUMENT, "until": DATE_OR_NULL}), {"type": "null"}]},
    "steps": {"type": "array", "items": obj({
        "id": TEXT, "actor": TEXT, "actor_text": TEXT, "obligation": {"enum": ["must", "may"]}, "by": DATE_OR_NULL,
        "action": TEXT, "if_not": TEXT, "rule": RULE, "basis": TEXT,
        "grade": {"enum": ["law", "secondary", "interpretation", ""]}, "overdue": {"type": "boolean"},
        "consequence": {"anyOf": [CONSEQUENCE, {"type": "null"}]}},
        required=["id", "actor", "actor_text", "obligation", "by", "action", "if_not", "rule", "basis", "overdue",
                  "consequence"])},
    "warnings": {"type": "array", "items": WARNING}, **STAMP})}
COLUMN = obj({"label": TEXT, "regime": TEXT, "reforms": {"type": "array", "items": TEXT}, "state": STATE,
              "closure_reason": CLOSURE, "document": DOCUMENT_OR_NULL, "document_until": DATE_OR_NULL,
              "days_with_document": {"type": "integer", "minimum": 0},
              "days_without_document": {"type": "integer", "minimum": 0}, "a_card_from": DATE_OR_NULL,
              "indefinite_from": DATE_OR_NULL, "periods": {"type": "array", "items": PERIOD},
              "warnings": {"type": "array", "items": WARNING}}, extra=True)
schemas["compare"] = {"title": "sejour61.compare/1", **obj({
    "format": fmt("sejour61.compare/1"), "case": TEXT, "on": DATE,
    "rule_sets": {"type": "array", "minItems": 2, "items": COLUMN},
    "divergence": {"anyOf": [{"type": "null"}, obj({"date": DATE, "rule_sets": {"type": "array", "items": obj({
        "label": TEXT, "state": STATE, "document": DOCUMENT_OR_NULL, "from": DATE, "until": DATE_OR_NULL,
        "rule": {"anyOf": [RULE, {"type": "null"}]}, "basis": {"type": ["string", "null"]}},
        required=["label", "state"])}})]},
    **STAMP})}
schemas["check"] = {"title": "sejour61.check/1: what record would do with an event", **obj({
    "format": fmt("sejour61.check/1"), "verdict": {"enum": ["accepted", "no_effect", "refused"]},
    "rule": {"anyOf": [RULE, {"type": "null"}]}, "message": {"type": ["string", "null"]}, "path": TEXT, **STAMP},
    required=["format", "verdict", "rule", "message", "engine", "rules"])}
schemas["validate"] = {"title": "sejour61.validate/1", **obj({
    "format": fmt("sejour61.validate/1"), "case": TEXT, "valid": {"const": True},
    "events": {"type": "integer", "minimum": 0}, "out_of_order": {"type": "boolean"}})}
schemas["error"] = {"title": "sejour61.error/1", **obj({
    "format": fmt("sejour61.error/1"),
    "code": {"enum": ["input", "usage", "rules", "refused", "io", "nomem", "internal"]},
    "message": TEXT, "path": {"type": ["string", "null"]}})}
schemas["simulate-row"] = {"title": "a row of sejour61 simulate --json (JSON Lines: one object per line)", **obj({
    "index": {"type": "integer", "minimum": 0}, "case": {"type": ["string", "null"]}, "rule_set": TEXT,
    "state": {"anyOf": [STATE, {"type": "null"}]}, "closure_reason": CLOSURE, "document": DOCUMENT_OR_NULL,
    "document_until": DATE_OR_NULL,
    "days_with_document": {"type": ["integer", "null"], "minimum": 0},
    "days_without_document": {"type": ["integer", "null"], "minimum": 0},
    "a_card_from": DATE_OR_NULL, "indefinite_from": DATE_OR_NULL,
    "warnings": {"type": ["integer", "null"], "minimum": 0},
    "error": {"anyOf": [{"type": "null"}, schemas["error"]]}})}

SITUATION = {"anyOf": [{"type": "null"}, obj({
    "state": STATE, "document": {"type": ["string", "null"]}, "from": DATE, "until": DATE_OR_NULL, "rule": RULE,
    "closure_reason": {"type": ["string", "null"]}}, required=["state", "document", "from", "until", "rule"])]}
schemas["contest"] = {"title": "sejour61.contest/1: every contestable reading that changes the case", **obj({
    "format": fmt("sejour61.contest/1"), "case": TEXT, "on": DATE, "regime": TEXT,
    "reforms": {"type": "array", "items": TEXT}, "outcome": SITUATION,
    "readings": {"type": "array", "items": obj({
        "parameter": TEXT,
        "current": obj({"value": {}, "basis": TEXT, "status": {"enum": ["secondary", "interpretation"]}, "regime": TEXT},
                       required=["value", "basis", "status"]),
        "alternative": obj({"value": {}, "basis": TEXT}, required=["value", "basis"]),
        "first_divergence": DATE, "state": STATE, "closure_reason": {"type": ["string", "null"]},
        "document": {"anyOf": [{"type": "null"}, obj({"id": TEXT, "from": DATE, "until": DATE_OR_NULL},
                                                      required=["id", "from", "until"])]},
        "at_divergence": obj({"current": SITUATION, "alternative": SITUATION}, required=["current", "alternative"]),
        "outcome": SITUATION,
        "periods": schemas["timeline"]["properties"]["periods"]},
        required=["parameter", "current", "alternative", "first_divergence", "state", "closure_reason", "document",
                  "periods"])},
    "replayed": obj({"readings": {"type": "integer", "minimum": 0}, "parameters": {"type": "integer", "minimum": 0}},
                    required=["readings", "parameters"]),
    **STAMP},
    required=["format", "case", "on", "regime", "reforms", "readings"])}

# ---- rule files -----------------------------------------------------------------
PARAM = obj({"value": {}, "basis": {"type": "string", "minLength": 1}, "status": {"enum": ["law", "secondary",
                                                                                         "interpretation"]},
             "note": TEXT, "alternatives": {"type": "array", "items": obj(
                 {"value": {}, "basis": {"type": "string", "minLength": 1}, "alarm": {"type": "string", "minLength": 1}},
                 required=["value", "basis"])}},
            required=["value", "basis", "status"])
schemas["rules-regime"] = {"title": "sejour61.rules/1: a regime (rules/*.json)", **obj({
    "format": fmt("sejour61.rules/1"), "id": TEXT, "title": TEXT, "instrument": TEXT,
    "in_force": obj({"from": DATE, "until": DATE_OR_NULL}), "extends": TEXT, "note": TEXT,
    "parameters": {"type": "object", "additionalProperties": PARAM}},
    required=["format", "id", "title", "instrument", "in_force", "parameters"])}
schemas["rules-reform"] = {"title": "sejour61.reform/1: a reform (rules/reforms/*.json)", **obj({
    "format": fmt("sejour61.reform/1"), "id": TEXT, "title": TEXT, "basis": TEXT, "status": TEXT,
    "hypothetical_in_force": DATE_OR_NULL, "note": TEXT,
    "parameters": {"type": "object", "additionalProperties": PARAM}},
    required=["format", "id", "title", "basis", "status", "parameters"])}
schemas["rules-manifest"] = {"title": "sejour61.manifest/1: the rule directory's files and digests", **obj({
    "format": fmt("sejour61.manifest/1"), "note": TEXT,
    "files": {"type": "object", "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}},
    required=["format", "files"])}
schemas["rules-messages"] = {"title": "sejour61.messages/1: a catalogue (rules/i18n/LANG.json)", **obj({
    "format": fmt("sejour61.messages/1"), "lang": TEXT,
    "messages": {"type": "object", "additionalProperties": TEXT},
    "bases": {"type": "object", "additionalProperties": TEXT},
    # English form of an error message ({name} for its arguments) → this language (sejour61/said.hpp).
    "errors": {"type": "object", "additionalProperties": TEXT}}, required=["format", "lang", "messages"])}
schemas["rules-index"] = {"title": "sejour61.rule-index/1 (rules/rule-index.json)", **obj({
    "format": fmt("sejour61.rule-index/1"), "title": TEXT, "note": TEXT,
    "rules": {"type": "array", "items": obj({"id": RULE, "title": TEXT, "basis": TEXT,
                                             "status": {"enum": ["law", "secondary", "interpretation"]},
                                             "implemented": {"type": "boolean"}, "note": TEXT,
                                             "file": {"type": ["string", "null"]},
                                             "parameters": {"type": "array", "items": TEXT}},
                                            required=["id", "title", "basis", "status"])}},
    required=["format", "rules"])}
schemas["rules-eu-eea"] = {"title": "sejour61.eu-eea/1 (rules/eu-eea.json)",
                           "type": "object", "required": ["format"], "properties": {"format": fmt("sejour61.eu-eea/1")}}

for name, s in schemas.items():
    doc = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + name + ".schema.json", **s}
    with open(os.path.join(HERE, name + ".schema.json"), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
print("%d schemas written" % len(schemas))
