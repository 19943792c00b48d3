// sejour61/batch.hpp — many cases from JSON Lines, one row per case and rule
// set, written as they are computed (`sejour61 simulate`, what-if at scale).
//
// Columns: index (0-based line of the input), case (its id), rule_set (the
// spec as given), state, closure_reason, document, document_until,
// days_with_document, days_without_document, a_card_from, indefinite_from,
// warnings (count), error (null, or the sejour61.error/1 document). CSV
// (RFC 4180; null is an empty field; the error document as JSON text) or
// JSON Lines. A line that is not a valid case is a row with its error, never
// the end of the run; an empty line is skipped (its index is still counted).
#pragma once

#include "sejour61/simulate.hpp"

#include <atomic>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace sejour61 {

enum class BatchFormat { csv, jsonl };

/// The CSV header line ("" for JSON Lines).
std::string batch_header(BatchFormat f);

/// Appends the rows of the cases numbered `indexes` (rows as simulate()
/// returns them, case-major) under the rule sets `labels`.
void append_batch_rows(std::string& out, const std::vector<SimRow>& rows, const std::vector<size_t>& indexes,
                       const std::vector<std::string>& labels, BatchFormat f);

struct BatchProgress {
    size_t lines = 0;   ///< input lines read
    size_t cases = 0;   ///< cases evaluated (non-empty lines)
    size_t rows = 0;    ///< rows written
    size_t errors = 0;  ///< rows with an error
};

/// Reads JSON Lines from `in` in chunks of `chunk` lines, evaluates each
/// chunk on `threads` cores (0: all), and hands its rows (case-major, as
/// simulate() returns them) and the 0-based input line of each case to
/// `rows`. `progress` is called after each chunk; `cancel` stops between
/// chunks (and within one, see simulate()). Empty lines are skipped.
using RowSink = std::function<void(const std::vector<SimRow>& rows, const std::vector<size_t>& lines)>;
BatchProgress simulate_lines(std::istream& in, const RowSink& rows, const std::shared_ptr<const RuleBook>& book,
                             const std::vector<RuleSetSpec>& specs, const Date& on, unsigned threads = 0,
                             const std::function<void(const BatchProgress&)>& progress = {},
                             const std::atomic<bool>* cancel = nullptr, size_t chunk = 16384);

/// The same, written as text: reads JSON Lines from `in` in chunks of `chunk` lines, evaluates each
/// chunk on `threads` cores (0: all), and hands the rows to `sink` as text.
/// `progress` is called after each chunk; `cancel` stops between chunks.
/// Throws UnknownRuleSet for a bad spec (before reading), IoError from the sink.
BatchProgress simulate_stream(std::istream& in, const std::function<void(std::string_view)>& sink,
                              const std::shared_ptr<const RuleBook>& book, const std::vector<std::string>& rule_sets,
                              const Date& on, BatchFormat f, unsigned threads = 0,
                              const std::function<void(const BatchProgress&)>& progress = {},
                              const std::atomic<bool>* cancel = nullptr, size_t chunk = 16384);

}  // namespace sejour61
