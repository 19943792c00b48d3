// sejour61/report.hpp — the case sheet: a printable, self-contained HTML page
// laid out for A4 (`@page size: A4`), in the catalogue's language: identity
// and references, the documents held with their validity, the timeline drawn
// as SVG to the printable width, the next steps as a checklist (overdue ones
// marked), who acts by role, the contestable dates (the ambiguity alarm and
// every reading of the law that changes the case) and warnings, the
// decisions with their legal basis, and a place for the date and signature.
// No external resource: one file to print or archive. It shows what the
// outcome, the next steps and the rule book say; it derives nothing itself.
#pragma once

#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/next.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sejour61 {

/// `traced` must come from a replay of `c` with the explanation trace, and
/// `steps` from next_steps on it; `contest`, when given, is contest_json of
/// the same case and date (the readings of the law that change the case).
std::string report_html(const Case& c, const Outcome& traced, const std::vector<Step>& steps, const RuleBook& book,
                        const Messages& msg, const nlohmann::ordered_json* contest = nullptr);

}  // namespace sejour61
