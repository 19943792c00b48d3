// sejour61/next.hpp — what must or may happen next in a case (procedure.md §10):
// who acts, by when, on what legal basis, and what happens if nobody acts.
#pragma once

#include "sejour61/engine.hpp"
#include "sejour61/messages.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sejour61 {

/// What the replay does on `date` when nobody acts (no event after the query
/// date): computed by replaying the case, never re-derived.
struct Consequence {
    Date date;
    State state = State::start;
    std::optional<std::string> closure_reason;
    std::string document;   ///< "" for none
    std::optional<Date> until;  ///< the document's last day
    std::string rule;       ///< the rule of the period in force that day
    /// extension, a_card, renewal, exhausted, closes, lapsed, indefinite, unchanged
    std::string kind;
};

struct Step {
    std::string id;                 ///< e.g. "consult-prosecutor"; message ids step.<id>.action / .if_not
    std::string actor;              ///< police, inspection, centre, oe, prosecutor, labour_auditor, guardian,
                                    ///< guardianship_service, person, minister
    bool must = true;               ///< false: may
    std::optional<Date> by;         ///< the date by which (none: no time limit)
    std::string rule;
    std::string basis;
    std::map<std::string, std::string> args = {};  ///< placeholders of the messages
    std::optional<Consequence> consequence = {};    ///< if nobody acts
    bool overdue = false;                           ///< `by` is before the query date
    std::optional<Text> because = {};               ///< "decided": the engine's own decision text
    /// law, secondary or interpretation: of the rule, or of the parameter that
    /// gives the step its basis (after closure)
    std::string grade = {};
};

/// The steps for the state on `o.on` of case `c` (replayed as `o` under
/// `sel`): the decided closure first when there is one (procedure.md §10),
/// then by date (undated last, ties in procedure order). Each dated
/// step carries what the replay does when nobody acts (procedure.md §10);
/// where the facts on `o.on` already decide that the procedure closes at the
/// end of the document, a step ("decided", dated the day of the closure) says
/// so with the engine's decision, and the steps that can no longer change the
/// outcome are left out. The consultation of the prosecutor is listed only
/// while it is due (no opinion yet within the current document).
std::vector<Step> next_steps(const Case& c, const Outcome& o, const Selection& sel);

/// A step in words, in the catalogue's language, as read on the query date
/// `on` (the tense of a decision still to come): who acts ("" for a step
/// nobody acts on), what, and what happens if nobody acts. The one rendering
/// of a step: next's text and JSON and the report use it.
struct StepWords {
    std::string who;
    std::string action;
    std::string if_not;
};
StepWords step_words(const Step& s, const Messages& msg, const Date& on);

/// `sejour61.next/1`, with texts in the catalogue's language.
nlohmann::ordered_json next_json(const Outcome& o, const std::vector<Step>& steps, const RuleBook& book,
                                 const Messages& msg);
/// The same document as JSON text (dump_doc of next_json, byte for byte), written directly.
std::string next_document(const Outcome& o, const std::vector<Step>& steps, const RuleBook& book, const Messages& msg);
std::string next_text(const Outcome& o, const std::vector<Step>& steps, const Messages& msg);

}  // namespace sejour61
