// python/columns.hpp — the rows of Rules.simulate as NumPy columns.
//
// The worker thread appends rows without the GIL (numbers and day numbers in
// C++ vectors, texts as codes into a small table of distinct strings); at the
// end the vectors are handed to NumPy without a copy (int64 arrays, and
// datetime64[D] views of them with NaT for "none"), and the text columns
// become object arrays that share one Python string per distinct value.
#pragma once

#include "sejour61/simulate.hpp"

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace s61py {

namespace py = pybind11;

class ColumnBuilder {
public:
    explicit ColumnBuilder(std::vector<std::string> rule_sets);
    /// Appends rows (case-major, as sejour61::simulate returns them); `lines`
    /// is the case number of each case (its 0-based line for JSON Lines).
    void append(const std::vector<sejour61::SimRow>& rows, const std::vector<size_t>& lines);
    size_t rows() const { return case_.size(); }
    /// The columns (needs the GIL; the builder is empty afterwards).
    py::dict finish();

private:
    std::vector<std::string> rule_sets_;
    std::vector<std::int64_t> case_, with_, without_, warnings_;
    std::vector<std::int64_t> first_, last_, until_, a_card_, indefinite_;  // days since 1970-01-01, NaT for none
    std::vector<std::uint32_t> rule_set_, state_, reason_, document_, error_code_;  // 0: None
    std::vector<std::pair<size_t, std::string>> errors_;  // the rows with an error, and its message
    std::vector<std::string> texts_{""};                  // code -> text (code 0 is None)
    std::unordered_map<std::string, std::uint32_t> codes_;
    std::uint32_t code(const std::string& s);
};

}  // namespace s61py
