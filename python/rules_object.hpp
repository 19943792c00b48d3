// python/rules_object.hpp — sejour61.Rules: the rule files loaded once, and
// every command of the CLI as a method returning the same document.
#pragma once

#include "args.hpp"

#include "sejour61/api.hpp"
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
        return ask(query("status", c, on, rules, reforms, lang));
    }
    py::object timeline(const py::object& c, const py::object& on, const py::object& rules,
                        const py::object& reforms) const {
        return ask(query("timeline", c, on, rules, reforms, py::none()));
    }
    py::object explain(const py::object& c, const py::object& on, const py::object& rules, const py::object& reforms,
                       const py::object& lang) const {
        return ask(query("explain", c, on, rules, reforms, lang));
    }
    py::object contest(const py::object& c, const py::object& on, const py::object& rules, const py::object& reforms) const {
        return ask(query("contest", c, on, rules, reforms, py::none()));
    }
    py::object compare(const py::object& c, const py::object& rule_sets, const py::object& on) const {
        Request r;
        r.command = "compare";
        r.case_text = case_text(c);
        r.rule_sets = text_list(rule_sets, "rule_sets");
        for (const auto& s : r.rule_sets) parse_rule_set_spec(s);  // a bad spec before a bad date
        r.on = date_arg(on, "on");
        return ask(r);
    }
    py::dict simulate(const py::object& cases, const py::object& rule_sets_arg, const py::object& on,
                      const py::object& threads_arg, const py::object& progress) const;
    py::object next(const py::object& c, const py::object& on, const py::object& rules, const py::object& reforms,
                    const py::object& lang) const {
        return ask(query("next", c, on, rules, reforms, lang));
    }
    std::string report(const py::object& c, const py::object& on, const py::object& rules, const py::object& reforms,
                       const py::object& lang) const {
        Request r = query("report", c, on, rules, reforms, lang);
        py::gil_scoped_release release;
        return answer(book_, r);
    }
    py::object check_event(const py::object& c, const py::object& event, const py::object& rules,
                           const py::object& reforms, const py::object& lang, bool strict) const {
        Request r;
        r.command = "check";
        r.lang = lang_arg(lang, *book_);
        r.case_text = case_text(c);
        r.event_text = case_text(event, "event");
        r.rules = opt_text(rules, "rules");
        r.reforms = text_list(reforms, "reforms");
        r.strict = strict;
        r.today = r.on = today_brussels();
        return ask(r);
    }
    // record, amend, undo: one change of the case file at `path`, as `sejour61 record` makes it.
    py::object change(const py::object& path, Change ch, const py::object& event, const py::object& rules_arg,
                      const py::object& reforms_arg, const py::object& lang, bool strict, const py::object& by) const {
        if (!py::isinstance<py::str>(path) && !py::hasattr(path, "__fspath__"))
            throw py::type_error("path: must be a str or a path-like object, not " + type_name(path));
        std::string p = utf8_of(py::module_::import("os").attr("fspath")(path), "path");
        std::string l = lang_arg(lang, *book_);
        if (ch.kind != ChangeKind::undo) ch.event_text = case_text(event, "event");
        std::optional<std::string> rules = opt_text(rules_arg, "rules");
        std::vector<std::string> reforms = text_list(reforms_arg, "reforms");
        std::optional<std::string> who = opt_text(by, "by");
        if (who && who->empty()) throw CaseError("by", "must name who records, not be an empty string");
        nlohmann::ordered_json doc;
        {
            py::gil_scoped_release release;
            Selection sel(book_, rules, reforms);
            RecordResult r = apply_change(p, ch, sel, RecordOptions{strict, today_brussels(), l, who.value_or("")});
            doc = record_json(r, *book_, l);
        }
        return to_python(doc);
    }
    py::object describe() const { return to_python(rules_json(*book_)); }
    std::string rules_dir() const { return book_->dir(); }

private:
    std::shared_ptr<const RuleBook> book_;

    // The request of a query: arguments checked in the order of the signature.
    Request query(const char* command, const py::object& c, const py::object& on, const py::object& rules,
                  const py::object& reforms, const py::object& lang) const {
        Request r;
        r.command = command;
        r.lang = lang_arg(lang, *book_);
        r.case_text = case_text(c);
        r.today = today_brussels();
        r.on = date_arg(on, "on");
        r.rules = opt_text(rules, "rules");
        r.reforms = text_list(reforms, "reforms");
        return r;
    }
    // The document, computed without the GIL.
    py::object ask(const Request& r) const {
        std::string doc;
        {
            py::gil_scoped_release release;
            doc = answer(book_, r);
        }
        return json_to_python(doc);
    }
};

}  // namespace s61py
