// sejour61/contest.hpp — which dates of a case depend on a contestable reading.
//
// procedure.md §8 "Contestable readings": every `secondary` or
// `interpretation` parameter lists its other plausible readings in the rule
// files (Param::alternatives). `contest_json` replays the case under each,
// one at a time (Selection with a Reading), and reports every reading that
// changes a state, a document, a closure reason or a document period up to
// the query date: the parameter, both readings with their bases, the first
// divergence, and the outcome and periods under the alternative
// (`sejour61.contest/1`, interfaces.md).
#pragma once

#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/rules.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sejour61 {

/// The first day up to `on` on which `a` and `b` give a different state,
/// document, closure reason or document period (its first day or its
/// document's last day); nullopt when they agree up to `on`.
std::optional<Date> first_divergence(const Outcome& a, const Outcome& b, const Date& on);

/// `sejour61.contest/1`. Throws what replay throws, and UnknownRuleSet.
nlohmann::ordered_json contest_json(const Case& c, const std::shared_ptr<const RuleBook>& book,
                                    const std::optional<std::string>& pinned, const std::vector<std::string>& reforms,
                                    const Date& on);
/// The same for people, in the catalogue's language.
std::string contest_text(const nlohmann::ordered_json& doc, const Messages& m);
/// One situation of the document ("outcome", "at_divergence" members) for
/// people: "temporary stay, A card valid from … to … inclusive".
std::string contest_situation(const nlohmann::ordered_json& situation, const Messages& m);
/// A parameter's value as a reader sees it: its catalogue name
/// ("value.<key>.<value>") followed by the value, else the value without JSON's quotes.
std::string reading_value(const Messages& m, const std::string& key, const nlohmann::ordered_json& value);

}  // namespace sejour61
