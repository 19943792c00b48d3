// The Python module `sejour61` (pybind11): a thin face over the same engine
// and the same JSON documents as the CLI and the C API.
#include "args.hpp"
#include "rules_object.hpp"

#include "sejour61/errors.hpp"
#include "sejour61/io.hpp"
#include "sejour61/journal.hpp"
#include "sejour61/sejour61.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace sejour61;
using namespace s61py;

namespace {

// Python exceptions mirroring the CLI's exit codes.
py::object g_input_error, g_rules_error;

// Raises `type` with `.path` (the JSON path or argument, or None), `.code`
// (the error document's code: input, usage, refused, rules) and, for a refused
// event, `.rule`.
void raise(const py::object& type, const std::string& message, const std::string& path, const char* code,
           const std::string& rule = "") {
    py::object exc = type(utf8_safe(message));
    exc.attr("path") = path.empty() ? py::object(py::none()) : py::object(py::str(utf8_safe(path)));
    exc.attr("code") = py::str(code);
    exc.attr("rule") = rule.empty() ? py::object(py::none()) : py::object(py::str(rule));
    PyErr_SetObject(type.ptr(), exc.ptr());
}

// The Python side of the one error table (errors.hpp): the class named there,
// with .path, .code and .rule on sejour61's own classes.
void translate(const std::exception_ptr& e) {
    Classified c = classify(e);
    const ErrorInfo& info = error_info(c.kind);
    std::string cls = info.python;
    if (cls == "InputError") return raise(g_input_error, c.message, c.path, info.code, c.rule);
    if (cls == "RulesError") return raise(g_rules_error, c.message, c.path, info.code, c.rule);
    if (cls == "OSError") return PyErr_SetString(PyExc_OSError, utf8_safe(c.message).c_str());
    if (cls == "MemoryError") return PyErr_SetString(PyExc_MemoryError, "out of memory");
    PyErr_SetString(PyExc_RuntimeError, utf8_safe(c.message).c_str());
}

const Rules& self_of(const py::object& self) {
    auto* inst = reinterpret_cast<py::detail::instance*>(self.ptr());
    auto vh = inst->get_value_and_holder(py::detail::get_type_info(typeid(Rules)), false);
    if (!vh || !vh.holder_constructed() || !vh.value_ptr())
        throw py::type_error("this Rules object was never initialised: create it with sejour61.Rules(rules_dir)");
    return *static_cast<const Rules*>(vh.value_ptr());
}

using RulesClass = py::class_<Rules>;

// The queries: a case and a date in, a document out.
void bind_queries(RulesClass& cls) {
    cls.def("status",
             [](const py::object& self, const py::object& c, const py::object& on, const py::object& rules,
                const py::object& reforms, const py::object& lang) { return self_of(self).status(c, on, rules, reforms, lang); },
             py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(),
             py::arg("reforms") = py::list(), py::arg("lang") = "en",
             "The state on `on` (YYYY-MM-DD or datetime.date, default today in Brussels): a sejour61.status/1 dict.\n"
             "`rules` pins a regime (default: the regime in force on each date); `reforms` are overlays;\n"
             "`lang` (en, fr, nl) is the language of the messages.")
        .def("timeline",
             [](const py::object& self, const py::object& c, const py::object& on, const py::object& rules,
                const py::object& reforms) { return self_of(self).timeline(c, on, rules, reforms); },
             py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             "Every period up to `on`: a sejour61.timeline/1 dict. Arguments as status().")
        .def("explain",
             [](const py::object& self, const py::object& c, const py::object& on, const py::object& rules,
                const py::object& reforms, const py::object& lang) { return self_of(self).explain(c, on, rules, reforms, lang); },
             py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             py::arg("lang") = "en",
             "Every decision with its rule id, legal basis and parameters: a sejour61.explain/1 dict\n"
             "(messages in `lang`: en, fr, nl).")
        .def("contest",
             [](const py::object& self, const py::object& c, const py::object& on, const py::object& rules,
                const py::object& reforms) { return self_of(self).contest(c, on, rules, reforms); },
             py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             "Every contestable reading (a secondary or interpretation parameter's alternative) that changes a\n"
             "state, a document, a closure or a document period of the case up to `on`: a sejour61.contest/1 dict\n"
             "(procedure.md §8). Arguments as status().")
        .def("compare",
             [](const py::object& self, const py::object& c, const py::object& rule_sets, const py::object& on) {
                 return self_of(self).compare(c, rule_sets, on);
             },
             py::arg("case"), py::arg("rule_sets"), py::arg("on") = py::none(),
             "The case under several rule sets, e.g. ['in-force', 'in-force+mena-unconditional']:\n"
             "a sejour61.compare/1 dict (figures per rule set and the first divergence).")
        .def("simulate",
             [](const py::object& self, const py::object& cases, const py::object& rule_sets, const py::object& on,
                const py::object& threads, const py::object& progress) {
                 return self_of(self).simulate(cases, rule_sets, on, threads, progress);
             },
             py::arg("cases"), py::arg("rule_sets"), py::arg("on") = py::none(), py::arg("threads") = 0,
             py::arg("progress") = py::none(),
             "Evaluates every case under every rule set in C++, without the GIL, on `threads` cores\n"
             "(0: all). `cases`: a list of cases, or JSON Lines: the path of a file, or bytes (then\n"
             "\"case\" is the 0-based line of each case; empty lines are skipped).\n"
             "Returns NumPy columns (a dict of arrays; pandas.DataFrame(result) makes a table), one row\n"
             "per case and rule set, case-major: case (int64), rule_set, state, closure_reason, document\n"
             "(str or None), document_until, first_document, last_document (the documents run without a\n"
"gap from the first to the last day one covered, up to `on`), a_card_from, indefinite_from\n"
             "(datetime64[D], NaT for none), days_with_document, days_without_document, warnings (int64),\n"
             "error, error_code (None, or the error of a case that could not be read).\n"
             "`progress(done, total)` is called from this thread as cases are done (total: None for\n"
             "JSON Lines). "
"Ctrl-C stops it within a fraction of a second (KeyboardInterrupt).");
}

// next, report, check_event, record, and what was loaded.
void bind_actions(RulesClass& cls) {
    cls.def("next",
             [](const py::object& self, const py::object& c, const py::object& on, const py::object& rules,
                const py::object& reforms, const py::object& lang) { return self_of(self).next(c, on, rules, reforms, lang); },
             py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             py::arg("lang") = "en",
             "What must or may happen next: a sejour61.next/1 dict (each step with who, by when, the basis,\n"
             "\"overdue\" and the \"consequence\" the engine draws if nobody acts). Arguments as status().")
        .def("report",
             [](const py::object& self, const py::object& c, const py::object& on, const py::object& rules,
                const py::object& reforms, const py::object& lang) { return self_of(self).report(c, on, rules, reforms, lang); },
             py::arg("case"), py::arg("on") = py::none(), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             py::arg("lang") = "en", "The printable HTML report (a str), as `sejour61 report`.")
        .def("check_event",
             [](const py::object& self, const py::object& c, const py::object& event, const py::object& rules,
                const py::object& reforms, const py::object& lang, bool strict) {
                 return self_of(self).check_event(c, event, rules, reforms, lang, strict);
             },
             py::arg("case"), py::arg("event"), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             py::arg("lang") = "en", py::arg("strict") = false,
             "What `record` would do with `event` (a dict or JSON text), without writing: a sejour61.check/1\n"
             "dict with verdict accepted, no_effect or refused, the rule and the message.")
        .def("record",
             [](const py::object& self, const py::object& path, const py::object& event, const py::object& rules,
                const py::object& reforms, const py::object& lang, bool strict, const py::object& by) {
                 return self_of(self).change(path, Change{ChangeKind::add, 0, ""}, event, rules, reforms, lang, strict, by);
             },
             py::arg("path"), py::arg("event"), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             py::arg("lang") = "en", py::arg("strict") = false, py::arg("by") = py::none(),
             "Adds `event` to the case file at `path` as `sejour61 record` does (journal, atomic rewrite, .bak,\n"
             "lock), stamped \"recorded\": {\"at\", \"by\"} (`by`: default the login name): the case's status\n"
             "today, with \"recorded\": true, the change and \"no_effect\" when it changes nothing.\n"
             "Raises InputError (invalid event; with strict=True one that changes nothing) or OSError.")
        .def("amend",
             [](const py::object& self, const py::object& path, std::size_t position, const py::object& event,
                const py::object& rules, const py::object& reforms, const py::object& lang, bool strict,
                const py::object& by) {
                 return self_of(self).change(path, Change{ChangeKind::amend, position, ""}, event, rules, reforms, lang,
                                             strict, by);
             },
             py::arg("path"), py::arg("position"), py::arg("event"), py::arg("rules") = py::none(),
             py::arg("reforms") = py::list(), py::arg("lang") = "en", py::arg("strict") = false, py::arg("by") = py::none(),
             "Replaces event `position` (counted from 1) by `event`, as `sejour61 record --amend`: the previous\n"
             "version is kept in the journal (CASE.journal). Returns and raises as record().")
        .def("undo",
             [](const py::object& self, const py::object& path, const py::object& rules, const py::object& reforms,
                const py::object& lang, const py::object& by) {
                 return self_of(self).change(path, Change{ChangeKind::undo, 0, ""}, py::none(), rules, reforms, lang,
                                             false, by);
             },
             py::arg("path"), py::arg("rules") = py::none(), py::arg("reforms") = py::list(), py::arg("lang") = "en",
             py::arg("by") = py::none(),
             "Removes the last event written by record (the latest \"recorded\" stamp), as `sejour61 record\n"
             "--undo`; the journal keeps it. Returns and raises as record().")
        .def("describe", [](const py::object& self) { return self_of(self).describe(); },
             "The regimes, reforms and rule index: the CLI's `rules --json`.")
        .def_property_readonly("rules_dir", [](const py::object& self) { return self_of(self).rules_dir(); },
                               "The directory the rule files were read from (the chosen default when none was given).");
}

void register_errors(py::module_& m) {
    g_input_error = py::exception<CaseError>(m, "InputError", PyExc_ValueError);
    g_rules_error = py::exception<RulesError>(m, "RulesError", PyExc_RuntimeError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const RefusedEvent&) {
            translate(std::current_exception());
        } catch (const CaseError&) {
            translate(std::current_exception());
        } catch (const QueryError&) {
            translate(std::current_exception());
        } catch (const UnknownRuleSet&) {
            translate(std::current_exception());
        } catch (const UsageError&) {
            translate(std::current_exception());
        } catch (const RulesError&) {
            translate(std::current_exception());
        } catch (const IoError&) {
            translate(std::current_exception());
        }
    });
}

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

    register_errors(m);

    // Every method goes through `self_of`: an object made with Rules.__new__
    // without __init__ has no rule set and raises instead of reading garbage.
    RulesClass cls(m, "Rules", "The rule files (regimes, reforms), loaded once; safe to share between threads.");
    cls.def(py::init<const py::object&>(), py::arg("rules_dir") = py::none(),
            "Loads the rule files of `rules_dir` (default: $SEJOUR61_RULES, else the rules installed next to this "
            "module, else those of the configured prefix; see `rules_dir`).");
    bind_queries(cls);
    bind_actions(cls);

    m.def(
        "history",
        [](const py::object& path) {
            if (!py::isinstance<py::str>(path) && !py::hasattr(path, "__fspath__"))
                throw py::type_error("path: must be a str or a path-like object, not " + type_name(path));
            std::string p = utf8_of(py::module_::import("os").attr("fspath")(path), "path");
            std::string target;
            Journal j = read_history(p, &target);
            return to_python(history_json(j, target));
        },
        py::arg("path"), "The changes `record` made to the case file at `path`: a sejour61.history/1 dict (CASE.journal).");
    m.def(
        "validate",
        [](const py::object& c) {
            std::string text = case_text(c);
            return to_python(validate_json(parse_case(text)));
        },
        py::arg("case"), "Checks a case file: a sejour61.validate/1 dict, or InputError naming the field.");
}
