// The Python module `sejour61` (pybind11): a thin face over the same engine
// and the same JSON documents as the CLI and the C API.
#include "sejour61/case.hpp"
#include "sejour61/compare.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/errors.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/sejour61.h"
#include "sejour61/simulate.hpp"
#include "sejour61/views.hpp"
#include "sejour61/io.hpp"
#include "sejour61/report.hpp"
#include "sejour61/record.hpp"
#include "sejour61/next.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace py = pybind11;
using namespace sejour61;

namespace {

// Python exceptions mirroring the CLI's exit codes.
py::object g_input_error, g_rules_error;

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

std::string case_text(const py::object& c, const std::string& what = "case") {
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

py::object to_python(const nlohmann::ordered_json& j) {
    return py::module_::import("json").attr("loads")(dump_doc(j));
}

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

class Rules {
public:
    explicit Rules(const py::object& dir) {
        std::optional<std::string> d = opt_text(dir, "rules_dir");
        if (d && d->empty()) throw CaseError("rules_dir", "must name a directory, not an empty string");
        book_ = RuleBook::load(d ? *d : default_rules_dir());
    }

    py::object status(const py::object& c, const py::object& on, const py::object& rules, const py::object& reforms,
                      const py::object& lang) const {
        std::string l = lang_arg(lang, *book_);
        return view(c, on, rules, reforms, false,
                    [&](const Outcome& o, const RuleBook& b) { return status_json(o, b, l); });
    }
    py::object timeline(const py::object& c, const py::object& on, const py::object& rules,
                        const py::object& reforms) const {
        return view(c, on, rules, reforms, false, [](const Outcome& o, const RuleBook& b) { return timeline_json(o, b); });
    }
    py::object explain(const py::object& c, const py::object& on, const py::object& rules, const py::object& reforms,
                       const py::object& lang) const {
        std::string l = lang_arg(lang, *book_);
        return view(c, on, rules, reforms, true,
                    [&](const Outcome& o, const RuleBook& b) { return explain_json(o, b, l); });
    }
    py::object compare(const py::object& c, const py::object& rule_sets, const py::object& on) const {
        std::string text = case_text(c);
        std::vector<RuleSetSpec> specs;
        for (const auto& s : text_list(rule_sets, "rule_sets")) specs.push_back(parse_rule_set_spec(s));
        Date d = date_arg(on, "on");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            doc = compare_json(parse_case(text), book_, specs, d);
        }
        return to_python(doc);
    }
    py::dict simulate(const py::object& cases, const py::object& rule_sets_arg, const py::object& on,
                      const py::object& threads_arg) const {
        if (py::isinstance<py::dict>(cases) || py::isinstance<py::str>(cases) || py::isinstance<py::bytes>(cases) ||
            !py::isinstance<py::iterable>(cases))
            throw py::type_error("cases: must be a list (or another iterable) of cases, not " + type_name(cases));
        std::vector<std::string> texts;
        size_t i = 0;
        for (const auto& c : cases)
            texts.push_back(case_text(py::reinterpret_borrow<py::object>(c), "cases[" + std::to_string(i++) + "]"));
        std::vector<std::string> rule_sets = text_list(rule_sets_arg, "rule_sets");
        std::vector<RuleSetSpec> specs;
        for (const auto& s : rule_sets) specs.push_back(parse_rule_set_spec(s));
        Date d = date_arg(on, "on");
        if (!py::isinstance<py::int_>(threads_arg) || threads_arg.cast<long long>() < 0)
            throw CaseError("threads", "must be a whole number >= 0 (0: all cores)");
        unsigned threads = static_cast<unsigned>(std::min<long long>(threads_arg.cast<long long>(), 1024));
        // The batch runs without the GIL in its own thread; this thread wakes
        // every 50 ms to let Python handle a signal: Ctrl-C stops the batch
        // within one chunk per thread and raises KeyboardInterrupt.
        std::vector<SimRow> rows;
        std::atomic<bool> cancel{false}, done{false};
        std::exception_ptr failure;
        {
            py::gil_scoped_release release;
            std::thread worker([&] {
                try {
                    rows = sejour61::simulate(texts, book_, specs, d, threads, &cancel);
                } catch (...) {
                    failure = std::current_exception();
                }
                done = true;
            });
            bool interrupted = false;
            while (!done && !interrupted) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                py::gil_scoped_acquire acquire;
                if (PyErr_CheckSignals() != 0) interrupted = true;  // the Python error stays set
            }
            if (interrupted) cancel = true;
            worker.join();
            if (interrupted) {
                py::gil_scoped_acquire acquire;
                throw py::error_already_set();
            }
        }
        if (failure) std::rethrow_exception(failure);
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
    py::object next(const py::object& c, const py::object& on, const py::object& rules_arg, const py::object& reforms_arg,
                    const py::object& lang) const {
        std::string l = lang_arg(lang, *book_), text = case_text(c);
        Date d = date_arg(on, "on");
        std::optional<std::string> rules = opt_text(rules_arg, "rules");
        std::vector<std::string> reforms = text_list(reforms_arg, "reforms");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            Selection sel(book_, rules, reforms);
            Case cs = parse_case(text);
            Outcome o = replay(cs, sel, d, ReplayOptions{false});
            doc = next_json(o, next_steps(cs, o, sel), *book_, book_->messages(l));
        }
        return to_python(doc);
    }
    std::string report(const py::object& c, const py::object& on, const py::object& rules_arg,
                       const py::object& reforms_arg, const py::object& lang) const {
        std::string l = lang_arg(lang, *book_), text = case_text(c);
        Date d = date_arg(on, "on");
        std::optional<std::string> rules = opt_text(rules_arg, "rules");
        std::vector<std::string> reforms = text_list(reforms_arg, "reforms");
        py::gil_scoped_release release;
        Selection sel(book_, rules, reforms);
        Case cs = parse_case(text);
        Outcome o = replay(cs, sel, d, ReplayOptions{true});
        return report_html(o, next_steps(cs, o, sel), *book_, book_->messages(l));
    }
    py::object check_event(const py::object& c, const py::object& event, const py::object& rules_arg,
                           const py::object& reforms_arg, const py::object& lang, bool strict) const {
        std::string l = lang_arg(lang, *book_), text = case_text(c), ev = case_text(event, "event");
        std::optional<std::string> rules = opt_text(rules_arg, "rules");
        std::vector<std::string> reforms = text_list(reforms_arg, "reforms");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            Selection sel(book_, rules, reforms);
            doc = check_document(text, ev, sel, RecordOptions{strict, today_brussels(), l});
        }
        return to_python(doc);
    }
    py::object record(const py::object& path, const py::object& event, const py::object& rules_arg,
                      const py::object& reforms_arg, const py::object& lang, bool strict) const {
        if (!py::isinstance<py::str>(path) && !py::hasattr(path, "__fspath__"))
            throw py::type_error("path: must be a str or a path-like object, not " + type_name(path));
        std::string p = utf8_of(py::module_::import("os").attr("fspath")(path), "path");
        std::string l = lang_arg(lang, *book_), ev = case_text(event, "event");
        std::optional<std::string> rules = opt_text(rules_arg, "rules");
        std::vector<std::string> reforms = text_list(reforms_arg, "reforms");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            Selection sel(book_, rules, reforms);
            RecordResult r = record_event(p, ev, sel, RecordOptions{strict, today_brussels(), l});
            doc = status_json(r.outcome, *book_, l);
            doc["recorded"] = true;
            if (r.no_effect)
                doc["no_effect"] = nlohmann::ordered_json{{"rule", r.no_effect->rule},
                                                          {"message", book_->messages(l).render(r.no_effect->text)}};
        }
        return to_python(doc);
    }
    py::object describe() const { return to_python(rules_json(*book_)); }
    std::string rules_dir() const { return book_->dir(); }

private:
    std::shared_ptr<const RuleBook> book_;

    template <class View>
    py::object view(const py::object& c, const py::object& on, const py::object& rules_arg,
                    const py::object& reforms_arg, bool trace, View v) const {
        std::string text = case_text(c);
        Date d = date_arg(on, "on");
        std::optional<std::string> rules = opt_text(rules_arg, "rules");
        std::vector<std::string> reforms = text_list(reforms_arg, "reforms");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            Selection sel(book_, rules, reforms);
            doc = v(replay(parse_case(text), sel, d, ReplayOptions{trace}), *book_);
        }
        return to_python(doc);
    }
};

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
        } catch (const FileError&) {
            translate(std::current_exception());
        } catch (const IoError&) {
            translate(std::current_exception());
        }
    });

    // Every method goes through `self_of`: an object made with Rules.__new__
    // without __init__ has no rule set and raises instead of reading garbage.
    py::class_<Rules>(m, "Rules", "The rule files (regimes, reforms), loaded once; safe to share between threads.")
        .def(py::init<const py::object&>(), py::arg("rules_dir") = py::none(),
             "Loads the rule files of `rules_dir` (default: $SEJOUR61_RULES, else the rules installed next to this "
             "module, else those of the configured prefix; see `rules_dir`).")
        .def("status",
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
        .def("compare",
             [](const py::object& self, const py::object& c, const py::object& rule_sets, const py::object& on) {
                 return self_of(self).compare(c, rule_sets, on);
             },
             py::arg("case"), py::arg("rule_sets"), py::arg("on") = py::none(),
             "The case under several rule sets, e.g. ['in-force', 'in-force+mena-unconditional']:\n"
             "a sejour61.compare/1 dict (figures per rule set and the first divergence).")
        .def("simulate",
             [](const py::object& self, const py::object& cases, const py::object& rule_sets, const py::object& on,
                const py::object& threads) { return self_of(self).simulate(cases, rule_sets, on, threads); },
             py::arg("cases"), py::arg("rule_sets"), py::arg("on") = py::none(), py::arg("threads") = 0,
             "Evaluates every case under every rule set in C++, without the GIL, on `threads` cores\n"
             "(0: all). Returns columns (a dict of lists), one row per case and rule set, case-major:\n"
             "case, rule_set, state, closure_reason, document, days_with_document,\n"
             "days_without_document, first_document, a_card_from, indefinite_from, warnings, error.\n"
             "Ctrl-C stops it within a fraction of a second (KeyboardInterrupt).")
        .def("next",
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
                const py::object& reforms, const py::object& lang, bool strict) {
                 return self_of(self).record(path, event, rules, reforms, lang, strict);
             },
             py::arg("path"), py::arg("event"), py::arg("rules") = py::none(), py::arg("reforms") = py::list(),
             py::arg("lang") = "en", py::arg("strict") = false,
             "Adds `event` to the case file at `path` as `sejour61 record` does (atomic rewrite, .bak, lock):\n"
             "the case's status today, with \"recorded\": true and \"no_effect\" when it changes nothing.\n"
             "Raises InputError (invalid event; with strict=True one that changes nothing) or OSError.")
        .def("describe", [](const py::object& self) { return self_of(self).describe(); },
             "The regimes, reforms and rule index: the CLI's `rules --json`.")
        .def_property_readonly("rules_dir", [](const py::object& self) { return self_of(self).rules_dir(); },
                               "The directory the rule files were read from (the chosen default when none was given).");

    m.def(
        "validate",
        [](const py::object& c) {
            std::string text = case_text(c);
            return to_python(validate_json(parse_case(text)));
        },
        py::arg("case"), "Checks a case file: a sejour61.validate/1 dict, or InputError naming the field.");
}
