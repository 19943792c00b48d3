// sejour61/compare.hpp — the same facts under several rule sets (what-if).
//
// A rule-set spec names a regime or "in-force" (the regime in force on each
// act's date), followed by reforms: "be-2017", "in-force+mena-unconditional",
// "be-2007+diplomatic-labour-track@2010-01-01". `compare_json` replays the
// case under each and reports, per rule set, the final state, every period,
// the days with and without a document, and the first date where the
// outcomes diverge with the rule that made each column take its path.
#pragma once

#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/rules.hpp"

#include "sejour61/messages.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace sejour61 {

struct RuleSetSpec {
    std::string label;                  ///< as given
    std::optional<std::string> pinned;  ///< nullopt: in force on each date
    std::vector<std::string> reforms;
};

/// Parses "REGIME|in-force[+REFORM[@DATE]]...". Throws UnknownRuleSet for an
/// empty part (ids are checked when the selection is built).
RuleSetSpec parse_rule_set_spec(const std::string& spec);

/// SPEC followed by SETTING ("set:KEY=VALUE"), without the parts of SPEC that
/// set the same key (the last value wins, procedure.md §8): the label of a
/// column names only what is applied. with_setting("in-force+set:a=1+x",
/// "set:a=2") is "in-force+x+set:a=2".
std::string with_setting(const std::string& spec, const std::string& setting);

/// Summary figures of one outcome, as of its query date.
struct OutcomeFigures {
    long days_with_document = 0;     ///< days covered by a document, up to `on`
    long days_without_document = 0;  ///< open-procedure days without a document (detected)
    std::optional<Date> first_document;
    std::optional<Date> last_document;    ///< last day covered by a document, up to `on` (none after it: no gap)
    std::optional<Date> a_card_from;      ///< first day of the first A card
    std::optional<Date> indefinite_from;  ///< first day of unlimited stay
};
OutcomeFigures figures(const Outcome& o);

/// `sejour61.compare/1`. Throws what replay throws, and UnknownRuleSet.
nlohmann::ordered_json compare_json(const Case& c, const std::shared_ptr<const RuleBook>& book,
                                    const std::vector<RuleSetSpec>& specs, const Date& on);
/// The comparison for people, in the catalogue's language (dates written out,
/// states and documents by their names).
std::string compare_text(const nlohmann::ordered_json& doc, const Messages& m);

}  // namespace sejour61
