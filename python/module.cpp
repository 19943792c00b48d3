// The Python module `sejour61` (pybind11): a thin face over the same engine
// and the same JSON documents as the CLI and the C API.
#include "sejour61/case.hpp"
#include "sejour61/compare.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/sejour61.h"
#include "sejour61/simulate.hpp"
#include "sejour61/views.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace sejour61;

namespace {

// Python exceptions mirroring the CLI's exit codes.
py::object g_input_error, g_rules_error;

std::string case_text(const py::object& c) {
    if (py::isinstance<py::str>(c)) return c.cast<std::string>();
    if (py::isinstance<py::dict>(c)) return py::module_::import("json").attr("dumps")(c).cast<std::string>();
    throw py::type_error("a case is a dict or a JSON string (format sejour61.case/1)");
}

py::object to_python(const nlohmann::ordered_json& j) {
    return py::module_::import("json").attr("loads")(j.dump());
}

Date date_arg(const std::optional<std::string>& on, const char* name) {
    if (!on) return today_brussels();
    std::string why;
    auto d = parse_date(*on, &why);
    if (!d) throw CaseError(name, "\"" + *on + "\" " + why);
    return *d;
}

class Rules {
public:
    explicit Rules(const std::optional<std::string>& dir) {
        book_ = RuleBook::load(dir ? *dir : default_rules_dir());
    }

    py::object status(const py::object& c, const std::optional<std::string>& on,
                      const std::optional<std::string>& rules, const std::vector<std::string>& reforms,
                      const std::string& lang) const {
        check_lang(lang);
        return view(c, on, rules, reforms, false,
                    [&](const Outcome& o, const RuleBook& b) { return status_json(o, b, lang); });
    }
    py::object timeline(const py::object& c, const std::optional<std::string>& on,
                        const std::optional<std::string>& rules, const std::vector<std::string>& reforms) const {
        return view(c, on, rules, reforms, false, [](const Outcome& o, const RuleBook& b) { return timeline_json(o, b); });
    }
    py::object explain(const py::object& c, const std::optional<std::string>& on,
                       const std::optional<std::string>& rules, const std::vector<std::string>& reforms,
                       const std::string& lang) const {
        check_lang(lang);
        return view(c, on, rules, reforms, true,
                    [&](const Outcome& o, const RuleBook& b) { return explain_json(o, b, lang); });
    }
    py::object compare(const py::object& c, const std::vector<std::string>& rule_sets,
                       const std::optional<std::string>& on) const {
        std::string text = case_text(c);
        std::vector<RuleSetSpec> specs;
        for (const auto& s : rule_sets) specs.push_back(parse_rule_set_spec(s));
        Date d = date_arg(on, "on");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            doc = compare_json(parse_case(text), book_, specs, d);
        }
        return to_python(doc);
    }
    py::dict simulate(const py::iterable& cases, const std::vector<std::string>& rule_sets,
                      const std::optional<std::string>& on, unsigned threads) const {
        std::vector<std::string> texts;
        for (const auto& c : cases) texts.push_back(case_text(py::reinterpret_borrow<py::object>(c)));
        std::vector<RuleSetSpec> specs;
        for (const auto& s : rule_sets) specs.push_back(parse_rule_set_spec(s));
        Date d = date_arg(on, "on");
        std::vector<SimRow> rows;
        {
            py::gil_scoped_release release;
            rows = sejour61::simulate(texts, book_, specs, d, threads);
        }
        const size_t n = rows.size();
        py::list case_i(n), rule_set(n), state(n), reason(n), document(n), with(n), without(n), first(n), acard(n),
            indef(n), warnings(n), error(n);
        auto date_or_none = [](const std::optional<Date>& x) -> py::object {
            return x ? py::object(py::str(format_date(*x))) : py::object(py::none());
        };
        auto str_or_none = [](const std::string& s) -> py::object {
            return s.empty() ? py::object(py::none()) : py::object(py::str(s));
        };
        for (size_t k = 0; k < n; ++k) {
            const SimRow& r = rows[k];
            case_i[k] = k / specs.size();
            rule_set[k] = rule_sets[k % specs.size()];
            state[k] = str_or_none(r.state);
            reason[k] = str_or_none(r.closure_reason);
            document[k] = str_or_none(r.document);
            with[k] = r.figures.days_with_document;
            without[k] = r.figures.days_without_document;
            first[k] = date_or_none(r.figures.first_document);
            acard[k] = date_or_none(r.figures.a_card_from);
            indef[k] = date_or_none(r.figures.indefinite_from);
            warnings[k] = r.warnings;
            error[k] = str_or_none(r.error);
        }
        py::dict out;
        out["case"] = case_i;
        out["rule_set"] = rule_set;
        out["state"] = state;
        out["closure_reason"] = reason;
        out["document"] = document;
        out["days_with_document"] = with;
        out["days_without_document"] = without;
        out["first_document"] = first;
        out["a_card_from"] = acard;
        out["indefinite_from"] = indef;
        out["warnings"] = warnings;
        out["error"] = error;
        return out;
    }
    py::object describe() const { return to_python(rules_json(*book_)); }
    std::string rules_dir() const { return book_->dir(); }

private:
    std::shared_ptr<const RuleBook> book_;

    static void check_lang(const std::string& lang) {
        if (lang != "en" && lang != "fr" && lang != "nl") throw CaseError("lang", "must be \"fr\", \"nl\" or \"en\"");
    }

    template <class View>
    py::object view(const py::object& c, const std::optional<std::string>& on, const std::optional<std::string>& rules,
                    const std::vector<std::string>& reforms, bool trace, View v) const {
        std::string text = case_text(c);
        Date d = date_arg(on, "on");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            Selection sel(book_, rules, reforms);
            doc = v(replay(parse_case(text), sel, d, ReplayOptions{trace}), *book_);
        }
        return to_python(doc);
    }
};

}  // namespace

PYBIND11_MODULE(sejour61, m) {
    m.doc() = R"(sejour61 — the Belgian residence procedure for victims of trafficking
(art. 61/2-61/5 of the law of 15 December 1980) as a rules engine.

Load the rule files once with Rules(), then ask for the status, timeline,
explanation or comparison of a case (a dict or JSON text in the format
sejour61.case/1). Every method returns the same document as the CLI's --json.
Errors raise sejour61.InputError (invalid case, date or options, unknown
regime or reform) or sejour61.RulesError (rule files missing or invalid).)";
    m.attr("__version__") = SEJOUR61_VERSION;

    g_input_error = py::exception<CaseError>(m, "InputError", PyExc_ValueError);
    g_rules_error = py::exception<RulesError>(m, "RulesError", PyExc_RuntimeError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const CaseError& e) {
            PyErr_SetString(g_input_error.ptr(), e.what());
        } catch (const QueryError& e) {
            PyErr_SetString(g_input_error.ptr(), e.what());
        } catch (const UnknownRuleSet& e) {
            PyErr_SetString(g_input_error.ptr(), e.what());
        } catch (const RulesError& e) {
            PyErr_SetString(g_rules_error.ptr(), e.what());
        }
    });

    py::class_<Rules>(m, "Rules", "The rule files (regimes, reforms), loaded once; safe to share between threads.")
        .def(py::init<const std::optional<std::string>&>(), py::arg("rules_dir") = py::none(),
             "Loads the rule files of `rules_dir` (default: $SEJOUR61_RULES, else the rules installed next to this "
             "module, else those of the configured prefix; see `rules_dir`).")
        .def("status", &Rules::status, py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(),
             py::arg("reforms") = std::vector<std::string>{}, py::arg("lang") = "en",
             "The state on `on` (YYYY-MM-DD, default today in Brussels): a sejour61.status/1 dict.\n"
             "`rules` pins a regime (default: the regime in force on each date); `reforms` are overlays;\n"
             "`lang` (en, fr, nl) is the language of the messages.")
        .def("timeline", &Rules::timeline, py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(),
             py::arg("reforms") = std::vector<std::string>{},
             "Every period up to `on`: a sejour61.timeline/1 dict. Arguments as status().")
        .def("explain", &Rules::explain, py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(),
             py::arg("reforms") = std::vector<std::string>{}, py::arg("lang") = "en",
             "Every decision with its rule id, legal basis and parameters: a sejour61.explain/1 dict\n"
             "(messages in `lang`: en, fr, nl).")
        .def("compare", &Rules::compare, py::arg("case"), py::arg("rule_sets"), py::arg("on") = py::none(),
             "The case under several rule sets, e.g. ['in-force', 'in-force+mena-unconditional']:\n"
             "a sejour61.compare/1 dict (figures per rule set and the first divergence).")
        .def("simulate", &Rules::simulate, py::arg("cases"), py::arg("rule_sets"), py::arg("on") = py::none(),
             py::arg("threads") = 0u,
             "Evaluates every case under every rule set in C++, without the GIL, on `threads` cores\n"
             "(0: all). Returns columns (a dict of lists), one row per case and rule set, case-major:\n"
             "case, rule_set, state, closure_reason, document, days_with_document,\n"
             "days_without_document, first_document, a_card_from, indefinite_from, warnings, error.")
        .def("describe", &Rules::describe, "The regimes, reforms and rule index: the CLI's `rules --json`.")
        .def_property_readonly("rules_dir", &Rules::rules_dir,
                               "The directory the rule files were read from (the chosen default when none was given).");

    m.def(
        "validate",
        [](const py::object& c) {
            std::string text = case_text(c);
            return to_python(validate_json(parse_case(text)));
        },
        py::arg("case"), "Checks a case file: a sejour61.validate/1 dict, or InputError naming the field.");
}
