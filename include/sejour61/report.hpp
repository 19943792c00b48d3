// sejour61/report.hpp — a printable, self-contained HTML page for a case:
// phase and document, a timeline drawn as SVG (periods, deadlines, the query
// date), the next steps, and the legal basis of every decision, in the
// catalogue's language. No external resource: one file to print or archive.
#pragma once

#include "sejour61/engine.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/next.hpp"

#include <string>
#include <vector>

namespace sejour61 {

/// `traced` must come from a replay with the explanation trace.
std::string report_html(const Outcome& traced, const std::vector<Step>& steps, const RuleBook& book,
                        const Messages& msg);

}  // namespace sejour61
