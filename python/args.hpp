// python/args.hpp — Python arguments to engine values, checked once for
// every method: wrong types raise TypeError, wrong values InputError naming
// the argument (never repeating text that is not shaped like its field).
#pragma once

#include "sejour61/calendar.hpp"
#include "sejour61/rules.hpp"

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <vector>

namespace s61py {

namespace py = pybind11;
using sejour61::Date;

/// UTF-8 of a Python str; InputError naming `what` when it cannot be encoded.
std::string utf8_of(const py::handle& str, const std::string& what);
std::string type_name(const py::handle& o);
/// A case or event: a dict, or JSON text (str or bytes).
std::string case_text(const py::object& c, const std::string& what = "case");
/// A JSON document as Python objects (dict, list, str, ...).
py::object to_python(const nlohmann::ordered_json& j);
/// A JSON text as Python objects.
py::object json_to_python(const std::string& text);
/// None (today in Brussels), a datetime.date, or "YYYY-MM-DD".
Date date_arg(const py::object& on, const char* name);
std::optional<std::string> opt_text(const py::object& o, const char* name);
std::vector<std::string> text_list(const py::object& o, const char* name);
/// A language the rule directory has a catalogue for.
std::string lang_arg(const py::object& o, const sejour61::RuleBook& book);

}  // namespace s61py
