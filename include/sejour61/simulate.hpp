// sejour61/simulate.hpp — many cases under several rule sets, on all cores.
//
// For policy analysts' what-if runs: each case (JSON text) is parsed once and
// replayed under every rule set; the result is a compact row of figures per
// case and rule set (no explanation is kept). Work is split between threads;
// the rule book is shared read-only.
#pragma once

#include "sejour61/compare.hpp"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace sejour61 {

struct SimRow {
    Id state;                    ///< final state on `on` ("" when error is set)
    Id closure_reason;           ///< "" when open
    std::string document;        ///< document held on `on`, "" for none
    OutcomeFigures figures;
    int warnings = 0;
    std::string error;           ///< the input error, when the case could not be evaluated
    std::string case_id;         ///< the case's id ("" when it could not be read)
    std::optional<Date> document_until;  ///< the last day of the document held on `on`
    std::string error_code;      ///< the error's kind (input, usage, ...: errors.hpp), "" without error
    std::string error_path;      ///< the JSON path at fault, "" when none
};

/// Evaluates `cases` × `specs` as of `on`, with `threads` workers (0: all
/// cores). Row i * specs.size() + j is case i under rule set j. Throws
/// UnknownRuleSet for a bad spec (before any work is done).
/// `cancel`, when given and set (from another thread), stops the batch within
/// one chunk of 256 cases per thread; the rows not reached stay empty.
std::vector<SimRow> simulate(const std::vector<std::string>& cases, const std::shared_ptr<const RuleBook>& book,
                             const std::vector<RuleSetSpec>& specs, const Date& on, unsigned threads = 0,
                             const std::atomic<bool>* cancel = nullptr);

}  // namespace sejour61
