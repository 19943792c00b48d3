// python/rules_object.hpp — sejour61.Rules: the rule files loaded once, and
// every command of the CLI as a method returning the same document.
#pragma once

#include "args.hpp"

#include "sejour61/compare.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/next.hpp"
#include "sejour61/record.hpp"
#include "sejour61/report.hpp"
#include "sejour61/views.hpp"

#include <pybind11/pybind11.h>

#include <memory>

namespace s61py {

using namespace sejour61;

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
                      const py::object& threads_arg) const;
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

}  // namespace s61py
