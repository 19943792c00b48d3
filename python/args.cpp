#include "args.hpp"

#include "sejour61/case.hpp"
#include "sejour61/io.hpp"
#include "sejour61/views.hpp"

namespace s61py {

using namespace sejour61;

// UTF-8 of a Python str; InputError naming `what` (never the text) when it
// cannot be encoded (a lone surrogate).
std::string utf8_of(const py::handle& str, const std::string& what) {
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(str.ptr(), &n);
    if (!p) {
        PyErr_Clear();
        throw CaseError(what, "is not valid Unicode text (it contains a lone surrogate)");
    }
    return std::string(p, static_cast<size_t>(n));
}

std::string type_name(const py::handle& o) { return py::str(py::type::of(o).attr("__name__")).cast<std::string>(); }

std::string case_text(const py::object& c, const std::string& what) {
    if (py::isinstance<py::str>(c)) return utf8_of(c, what);
    if (py::isinstance<py::bytes>(c)) return c.cast<std::string>();
    if (py::isinstance<py::dict>(c)) {
        py::object text;
        try {
            text = py::module_::import("json").attr("dumps")(c);
        } catch (py::error_already_set& e) {
            // Ctrl-C and other interruptions go on as they are.
            if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError)) throw;
            throw CaseError(what, "cannot be written as JSON (a value of a type JSON does not have)");
        }
        return utf8_of(text, what);
    }
    throw py::type_error(what + ": must be a dict, or JSON text (str or bytes), in the format sejour61.case/1, not " +
                         type_name(c));
}

py::object to_python(const nlohmann::ordered_json& j) { return json_to_python(dump_doc(j)); }

py::object json_to_python(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

// `on`: None (today in Brussels), a datetime.date, or "YYYY-MM-DD". The
// value is repeated in the error only when it has the shape of a date.
Date date_arg(const py::object& on, const char* name) {
    if (on.is_none()) return today_brussels();
    py::module_ datetime = py::module_::import("datetime");
    if (py::isinstance(on, datetime.attr("date"))) {
        std::string iso = utf8_of(on.attr("strftime")("%Y-%m-%d"), name);
        auto d = parse_date(iso);
        if (!d) throw CaseError(name, "is outside the supported range 1900-01-01..2199-12-31");
        return *d;
    }
    if (!py::isinstance<py::str>(on))
        throw py::type_error(std::string(name) + ": must be a date (\"YYYY-MM-DD\" or datetime.date), not " + type_name(on));
    std::string s = utf8_of(on, name);
    std::string why;
    auto d = parse_date(s, &why);
    if (!d) throw CaseError(name, (date_shaped(s) ? "\"" + s + "\" " : std::string()) + why);
    return *d;
}

std::optional<std::string> opt_text(const py::object& o, const char* name) {
    if (o.is_none()) return std::nullopt;
    if (!py::isinstance<py::str>(o)) throw py::type_error(std::string(name) + ": must be a string or None, not " + type_name(o));
    return utf8_of(o, name);
}

std::vector<std::string> text_list(const py::object& o, const char* name) {
    std::vector<std::string> out;
    if (o.is_none()) return out;
    if (py::isinstance<py::str>(o) || py::isinstance<py::bytes>(o) || py::isinstance<py::dict>(o) ||
        !py::isinstance<py::iterable>(o))
        throw py::type_error(std::string(name) + ": must be a list of strings, not " + type_name(o));
    size_t i = 0;
    for (const auto& x : o) {
        std::string at = std::string(name) + "[" + std::to_string(i++) + "]";
        if (!py::isinstance<py::str>(x)) throw py::type_error(at + ": must be a string, not " + type_name(x));
        out.push_back(utf8_of(x, at));
    }
    return out;
}

std::string lang_arg(const py::object& o, const RuleBook& book) {
    if (!o.is_none() && !py::isinstance<py::str>(o)) throw py::type_error("lang: must be a string, not " + type_name(o));
    std::string l = o.is_none() ? "en" : utf8_of(o, "lang");
    book.check_language(l, "lang");
    return l;
}

}  // namespace s61py
