#include "sejour61/api.hpp"

#include "sejour61/compare.hpp"
#include "sejour61/contest.hpp"
#include "sejour61/io.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/next.hpp"
#include "sejour61/record.hpp"
#include "sejour61/report.hpp"
#include "sejour61/views.hpp"

#include <algorithm>

namespace sejour61 {

const std::vector<std::string>& request_commands() {
    static const std::vector<std::string> list = {"status", "timeline", "explain",  "next",   "compare",
                                                  "report", "check",    "validate", "contest"};
    return list;
}

Date parse_on(const std::string& text, const std::string& name) {
    std::string why;
    auto d = parse_date(text, &why);
    if (!d)
        throw CaseError(name, date_shaped(text) ? say("\"{value}\" {why}", {{"value", text}, {"why", why}})
                                                : say("{why}", {{"why", why}}));
    return *d;
}

namespace {

std::string compare_answer(const std::shared_ptr<const RuleBook>& book, const Request& r, const Case& c, Form form) {
    std::vector<RuleSetSpec> specs;
    for (const auto& s : r.rule_sets) specs.push_back(parse_rule_set_spec(s));
    auto doc = compare_json(c, book, specs, r.on);
    return form == Form::json ? dump_doc(doc) : compare_text(doc, book->messages(r.lang));
}

std::string validate_text(const Case& c, const Messages& m) {
    const std::string order = c.out_of_order ? m.get("validate.out_of_order") : "";
    return m.get(c.events.empty() ? "validate.valid_none" : c.events.size() == 1 ? "validate.valid_one" : "validate.valid",
                 {{"id", printable(c.id)}, {"count", std::to_string(c.events.size())}, {"order", order}}) +
           "\n";
}

}  // namespace

std::string answer(const std::shared_ptr<const RuleBook>& book, const Request& r, Form form, const Selection* in_force) {
    const auto& known = request_commands();
    if (std::find(known.begin(), known.end(), r.command) == known.end())
        throw CaseError("command", say("\"{value}\" is not a command", {{"value", r.command}}));
    book->check_language(r.lang, "lang");
    // The case first, then the rule sets: an invalid case is reported before an unknown regime.
    Case c = parse_case(r.case_text);
    std::optional<Selection> own;
    const Selection* sel = in_force;
    if (!sel || r.rules || !r.reforms.empty()) sel = &own.emplace(book, r.rules, r.reforms);
    if (r.command == "check")
        return dump_doc(check_document(r.case_text, r.event_text, *sel, RecordOptions{r.strict, r.today, r.lang, {}}));
    if (r.command == "validate") return form == Form::json ? dump_doc(validate_json(c)) : validate_text(c, book->messages(r.lang));
    if (r.command == "compare") return compare_answer(book, r, c, form);
    if (r.command == "contest") {
        auto doc = contest_json(c, book, r.rules, r.reforms, r.on);
        return form == Form::json ? dump_doc(doc) : contest_text(doc, book->messages(r.lang));
    }
    const bool trace = r.command == "explain" || r.command == "report";
    Outcome o = replay(c, *sel, r.on, ReplayOptions{trace});
    const Messages& m = book->messages(r.lang);
    const bool json = form == Form::json;
    if (r.command == "status") return json ? status_document(o, *book, r.lang) : status_text(o, *book, m);
    if (r.command == "timeline") return json ? timeline_document(o, *book) : timeline_text(o, *book, m);
    if (r.command == "explain") return json ? dump_doc(explain_json(o, *book, r.lang)) : explain_text(o, *book, m);
    std::vector<Step> steps = next_steps(c, o, *sel);
    if (r.command == "report") {
        const auto contest = contest_json(c, book, r.rules, r.reforms, r.on);
        return report_html(c, o, steps, *book, m, &contest);
    }
    return json ? next_document(o, steps, *book, m) : next_text(o, steps, m);
}

}  // namespace sejour61
