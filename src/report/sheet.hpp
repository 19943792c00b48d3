// src/report/sheet.hpp — the parts of the A4 case sheet (sejour61 report).
//
// The sheet only shows what the engine decided: the outcome (periods,
// decisions, deadlines, sensitivities, warnings), the next steps and the
// rule book's bases. No rule is re-derived here. Every word a person reads
// comes from the catalogue (rules/i18n, ids "report.*" and the shared ones).
#pragma once

#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/next.hpp"
#include "sejour61/rules.hpp"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace sejour61 {
namespace report {

/// What every part of the sheet reads.
struct Sheet {
    const Case& c;
    const Outcome& o;
    const std::vector<Step>& steps;
    const RuleBook& book;
    const Messages& m;
    const nlohmann::ordered_json* contest;  ///< sejour61.contest/1 of the case, or nullptr
};

/// `s` escaped for HTML text and attribute values.
std::string esc(const std::string& s);
/// A date written out in the catalogue's language ("1er février 2027", "3 februari 2027").
std::string long_date(const Date& d, const Messages& m);
/// A catalogue message, escaped.
std::string text(const Messages& m, const std::string& id, const std::map<std::string, std::string>& args = {});
/// The last day of period `i` as the timeline gives it: the document's end for
/// the last period, else the day before the next period (nullopt: no end).
std::optional<Date> period_until(const Outcome& o, size_t i);

// The sections, in the order of the sheet; each writes one <section>.
void identity_section(std::ostringstream& h, const Sheet& s);
void documents_section(std::ostringstream& h, const Sheet& s);
void timeline_section(std::ostringstream& h, const Sheet& s);
void steps_section(std::ostringstream& h, const Sheet& s);
void contacts_section(std::ostringstream& h, const Sheet& s);
void attention_section(std::ostringstream& h, const Sheet& s);
void decisions_section(std::ostringstream& h, const Sheet& s);
void signature_section(std::ostringstream& h, const Sheet& s);

}  // namespace report
}  // namespace sejour61
