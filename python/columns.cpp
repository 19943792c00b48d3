#include "columns.hpp"

#include <pybind11/numpy.h>

#include <limits>
#include <memory>

namespace s61py {

namespace {

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();  // NumPy's "not a time"

std::int64_t day_number(const std::optional<sejour61::Date>& d) {
    static const sejour61::Date epoch(1970, 1, 1);
    return d ? (*d - epoch).days() : kNaT;
}

// The vector becomes the array's memory: no copy, freed with the array.
py::array int64_array(std::vector<std::int64_t>&& v) {
    auto* owned = new std::vector<std::int64_t>(std::move(v));
    py::capsule free_it(owned, [](void* p) { delete static_cast<std::vector<std::int64_t>*>(p); });
    return py::array_t<std::int64_t>(static_cast<py::ssize_t>(owned->size()), owned->data(), free_it);
}

py::array date_array(std::vector<std::int64_t>&& v) {
    return int64_array(std::move(v)).attr("view")("datetime64[D]").cast<py::array>();
}

// An object array whose cell i is objects[codes[i]] (None for code 0).
py::array object_array(const std::vector<std::uint32_t>& codes, const std::vector<py::object>& objects) {
    py::array a = py::module_::import("numpy").attr("empty")(codes.size(), py::arg("dtype") = "O");
    auto** cell = static_cast<PyObject**>(a.mutable_data());
    for (size_t i = 0; i < codes.size(); ++i) {
        PyObject* o = objects[codes[i]].ptr();
        Py_INCREF(o);
        Py_XDECREF(cell[i]);
        cell[i] = o;
    }
    return a;
}

}  // namespace

ColumnBuilder::ColumnBuilder(std::vector<std::string> rule_sets) : rule_sets_(std::move(rule_sets)) {
    for (const auto& s : rule_sets_) code(s);  // codes 1..n: the rule sets, in order
}

std::uint32_t ColumnBuilder::code(const std::string& s) {
    if (s.empty()) return 0;
    auto [it, added] = codes_.emplace(s, static_cast<std::uint32_t>(texts_.size()));
    if (added) texts_.push_back(s);
    return it->second;
}

void ColumnBuilder::append(const std::vector<sejour61::SimRow>& rows, const std::vector<size_t>& lines) {
    const size_t sets = rule_sets_.size();
    for (size_t k = 0; k < rows.size(); ++k) {
        const sejour61::SimRow& r = rows[k];
        case_.push_back(static_cast<std::int64_t>(lines[k / sets]));
        rule_set_.push_back(static_cast<std::uint32_t>(k % sets + 1));
        state_.push_back(code(r.state));
        reason_.push_back(code(r.closure_reason));
        document_.push_back(code(r.document));
        with_.push_back(r.figures.days_with_document);
        without_.push_back(r.figures.days_without_document);
        first_.push_back(day_number(r.figures.first_document));
        last_.push_back(day_number(r.figures.last_document));
        until_.push_back(day_number(r.document_until));
        a_card_.push_back(day_number(r.figures.a_card_from));
        indefinite_.push_back(day_number(r.figures.indefinite_from));
        warnings_.push_back(r.warnings);
        error_code_.push_back(code(r.error_code));
        if (!r.error_code.empty()) errors_.emplace_back(case_.size() - 1, r.error);
    }
}

py::dict ColumnBuilder::finish() {
    std::vector<py::object> objects{py::none()};
    for (size_t i = 1; i < texts_.size(); ++i) objects.push_back(py::str(texts_[i]));
    py::dict out;
    out["case"] = int64_array(std::move(case_));
    out["rule_set"] = object_array(rule_set_, objects);
    out["state"] = object_array(state_, objects);
    out["closure_reason"] = object_array(reason_, objects);
    out["document"] = object_array(document_, objects);
    out["document_until"] = date_array(std::move(until_));
    out["days_with_document"] = int64_array(std::move(with_));
    out["days_without_document"] = int64_array(std::move(without_));
    out["first_document"] = date_array(std::move(first_));
    out["last_document"] = date_array(std::move(last_));
    out["a_card_from"] = date_array(std::move(a_card_));
    out["indefinite_from"] = date_array(std::move(indefinite_));
    out["warnings"] = int64_array(std::move(warnings_));
    std::vector<std::uint32_t> none(state_.size(), 0);
    py::array error = object_array(none, objects);
    auto** cell = static_cast<PyObject**>(error.mutable_data());
    for (const auto& [row, message] : errors_) {
        PyObject* s = py::str(message).release().ptr();
        Py_XDECREF(cell[row]);
        cell[row] = s;
    }
    out["error"] = error;
    out["error_code"] = object_array(error_code_, objects);
    return out;
}

}  // namespace s61py
