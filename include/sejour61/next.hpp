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

struct Step {
    std::string id;                 ///< e.g. "consult-prosecutor"; message ids step.<id>.action / .if_not
    std::string actor;              ///< police, inspection, centre, oe, prosecutor, labour_auditor, guardian,
                                    ///< guardianship_service, person, minister
    bool must = true;               ///< false: may
    std::optional<Date> by;         ///< the date by which (none: no time limit)
    std::string rule;
    std::string basis;
    std::map<std::string, std::string> args;  ///< placeholders of the messages
};

/// The steps for the state on `o.on`, sorted by date (undated last).
std::vector<Step> next_steps(const Outcome& o, const Selection& sel);

/// `sejour61.next/1`, with texts in the catalogue's language.
nlohmann::ordered_json next_json(const Outcome& o, const std::vector<Step>& steps, const RuleBook& book,
                                 const Messages& msg);
std::string next_text(const Outcome& o, const std::vector<Step>& steps, const Messages& msg);

}  // namespace sejour61
