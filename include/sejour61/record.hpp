// sejour61/record.hpp — adding one event to a case file, safely.
//
// The event is validated against the case and the rules (a malformed event,
// or one dated after today, is refused with the reason and the rule; a valid
// event that changes nothing is recorded with a notice, or refused with
// --strict), inserted in date order, and the file is rewritten atomically:
// a temporary file (mode 0600) is written and fsync'ed, the previous version is
// kept as CASE.bak (also written atomically), then the temporary file replaces
// CASE by rename(2) and the directory is fsync'ed. An exclusive lock on
// CASE.lock serialises concurrent writers. A crash at any point leaves CASE
// either as it was or as it should be, never a mix.
#pragma once

#include "sejour61/io.hpp"

#include "sejour61/engine.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace sejour61 {

/// The procedure cannot accept the event (exit code 1): `rule` says why.
class RefusedEvent : public SaidError {
public:
    RefusedEvent(std::string rule, const std::string& why) : SaidError(why), rule_(std::move(rule)) {}
    RefusedEvent(std::string rule, Said why) : SaidError(std::move(why)), rule_(std::move(rule)) {}
    const std::string& rule() const { return rule_; }

private:
    std::string rule_;
};

/// The event is well-formed JSON but not a valid event for this case (a wrong
/// field, type or date): `record` refuses it; `check` answers "refused".
class InvalidEvent : public CaseError {
public:
    using CaseError::CaseError;
};

/// An I/O failure (the case file is left untouched): the one I/O error type
/// of io.hpp, under the name record's callers knew.
using FileError = IoError;

struct RecordOptions {
    /// Refuse a valid event that changes nothing in the procedure on its date
    /// (interfaces.md §2 `--strict`). By default such an event is recorded,
    /// since it happened, with a notice naming the rule that says so.
    bool strict = false;
    Date today;          ///< events dated after today are refused
    std::string lang = "en";  ///< language of the refusal's reason
    std::string by;           ///< who records (the "recorded" stamp); empty: the login name
};

/// What a change does to the case file.
enum class ChangeKind { add, amend, undo };
const char* change_kind_name(ChangeKind k);  ///< "add", "amend", "undo" (the journal's "change")

struct Change {
    ChangeKind kind = ChangeKind::add;
    std::size_t position = 0;  ///< amend: the event replaced, counted from 1 in the file's events array
    std::string event_text;    ///< add, amend: the event (JSON, without "recorded")
};

/// What `record` did: the outcome of the new file as of the event's date, and
/// when the event changes nothing, the warning that says so (rule and text).
struct RecordResult {
    std::optional<Outcome> outcome;  ///< none when the case has not started (an undo of its first event)
    std::optional<Warning> no_effect;
    nlohmann::ordered_json line;     ///< the journal line written (sejour61.journal/1)
    std::string journal;             ///< the journal's path
};

/// What `record` would do, without writing: the new file's text and case, and
/// the notice when the event changes nothing on its date.
struct CheckedEvent {
    std::string new_text;
    Case after;
    Date date;
    std::optional<Warning> no_effect;
};

/// Checks `event_text` against the case `case_text` exactly as `record`
/// does. Throws CaseError (the case or the event is not JSON, the case is
/// invalid), InvalidEvent (the event breaks the format or contradicts the
/// case), RefusedEvent (dated after today; with `strict`, changes nothing),
/// QueryError.
CheckedEvent check_event(const std::string& case_text, const std::string& event_text, const Selection& sel,
                         const RecordOptions& options);

/// The sejour61.check/1 document for `event_text` (C API s61_check_event,
/// Python Rules.check_event): verdict accepted, no_effect or refused, with the
/// rule and the message in `options.lang`. Throws what check_event throws for
/// malformed input (CaseError, QueryError), never for a refused event.
nlohmann::ordered_json check_document(const std::string& case_text, const std::string& event_text,
                                      const Selection& sel, const RecordOptions& options);

/// Adds `event_text` (one event object, as in a case file's events array) to the
/// case file at `path`. Throws CaseError (invalid event or file), RefusedEvent
/// (an event after today, or with `strict` one that changes nothing),
/// QueryError, FileError.
RecordResult record_event(const std::string& path, const std::string& event_text, const Selection& sel,
                          const RecordOptions& options);

/// Makes `change` to the case file at `path` (add, amend N, undo): validated
/// as record_event validates an event, journaled, then written. Throws what
/// record_event throws; InvalidEvent naming "events[i]" when an undo or an
/// amend would leave the case invalid, CaseError when there is no event N or
/// no event carries a "recorded" stamp to undo.
RecordResult apply_change(const std::string& path, const Change& change, const Selection& sel,
                          const RecordOptions& options);

/// The document `record` prints with --json (and Python's Rules.record):
/// the case's status today (sejour61.status/1) with "recorded": true, the
/// change ("change", "position_before", "position_after", "by", "at") and,
/// when the event changes nothing, "no_effect": {"rule", "message"}.
nlohmann::ordered_json record_json(const RecordResult& r, const RuleBook& book, const std::string& lang);
/// The same for people: what was done, then the status today.
std::string record_text(const RecordResult& r, const std::string& case_name, const RuleBook& book,
                        const Messages& msg);

}  // namespace sejour61
