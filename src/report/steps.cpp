// The case sheet: the next steps as a checklist, and who acts, by role.
#include "sheet.hpp"

#include <algorithm>

namespace sejour61 {
namespace report {

// The steps of next_steps, in its order, numbered; a box to tick for each
// step someone acts on; overdue ones marked. The words are next's (step_words).
void steps_section(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    h << "<section id=\"next-section\" class=\"long\">\n<h2>" << text(m, "report.next") << "</h2>\n";
    if (s.steps.empty()) {
        h << "<p id=\"next\">" << text(m, "next.nothing") << "</p>\n</section>\n";
        return;
    }
    h << "<table id=\"next\">\n<colgroup><col style=\"width:9%\"><col style=\"width:5%\"><col style=\"width:14%\">"
         "<col style=\"width:20%\"><col style=\"width:29%\"><col style=\"width:23%\"></colgroup>\n<thead><tr><th>"
      << text(m, "report.col.done") << "</th><th>" << text(m, "report.col.no") << "</th><th>" << text(m, "report.by")
      << "</th><th>" << text(m, "report.who") << "</th><th>" << text(m, "report.what") << "</th><th>"
      << text(m, "next.if_not") << "</th></tr></thead>\n";
    for (size_t i = 0; i < s.steps.size(); ++i) {
        const Step& st = s.steps[i];
        const StepWords w = step_words(st, m, s.o.on);  // the same words as `next`
        const bool acted_on = st.actor != "none";
        h << "<tr data-step=\"" << esc(st.id) << "\"" << (st.overdue ? " class=\"overdue\"" : "") << "><td class=\"box\">"
          << (acted_on ? "☐" : "") << "</td><td>" << i + 1 << "</td><td>"
          << (st.by ? esc(long_date(*st.by, m)) : acted_on ? text(m, "report.no_date") : std::string("—"));
        if (st.overdue) h << "<br><span class=\"overdue-mark\">" << text(m, "report.overdue") << "</span>";
        h << "</td><td>" << (acted_on ? text(m, "actor." + st.actor) : std::string("—")) << "</td><td>"
          << esc(w.action) << "<br><span class=\"muted\"><span class=\"rule\">" << esc(st.rule) << "</span> — "
          << esc(m.basis(st.basis)) << "</span></td><td>" << esc(w.if_not) << "</td></tr>\n";
    }
    h << "</table>\n";
    if (std::any_of(s.steps.begin(), s.steps.end(), [](const Step& st) { return st.overdue; }))
        h << "<p class=\"muted\">" << text(m, "report.overdue_help", {{"on", long_date(s.o.on, m)}}) << "</p>\n";
    h << "</section>\n";
}

namespace {

struct Role {
    std::string id;         ///< an actor of next_steps, or report.role.* for one addressed by a step
    std::string label;      ///< the role, in the reader's language
    std::vector<size_t> steps;  ///< the step numbers (1-based) it appears in
};

void add_role(std::vector<Role>& roles, const std::string& id, const std::string& label, size_t step) {
    auto it = std::find_if(roles.begin(), roles.end(), [&](const Role& r) { return r.id == id; });
    if (it == roles.end()) it = roles.insert(roles.end(), Role{id, label, {}});
    if (it->steps.empty() || it->steps.back() != step) it->steps.push_back(step);
}

// The last value of an event field on or before the sheet's date (R-ASOF), "" when none.
template <class F>
std::string last_field(const Sheet& s, EventType type, F field) {
    std::string out;
    for (const auto& e : s.c.events)
        if (e.type == type && e.date <= s.o.on) out = field(e);
    return out;
}

}  // namespace

// The roles the next steps name (their `who`), and the one the OE consults
// (the prosecutor, or the labour auditor who gave the last opinion), each
// with the steps it appears in. Names and addresses are the reader's to
// fill in: only the centre named in the case file is printed.
void contacts_section(std::ostringstream& h, const Sheet& s) {
    const Messages& m = s.m;
    std::vector<Role> roles;
    for (size_t i = 0; i < s.steps.size(); ++i) {
        const Step& st = s.steps[i];
        if (st.actor != "none") add_role(roles, st.actor, m.get("actor." + st.actor), i + 1);
        if (st.id == "consult-prosecutor") {
            const std::string by = last_field(s, EventType::prosecutor_opinion, [](const Event& e) { return e.by; });
            const std::string id = by == "labour_auditor" ? "labour_auditor" : "prosecutor";
            add_role(roles, id, m.get("report.role." + id), i + 1);
        }
    }
    h << "<section id=\"contacts\">\n<h2>" << text(m, "report.contacts") << "</h2>\n";
    if (roles.empty()) {
        h << "<p>" << text(m, "report.contacts_none") << "</p>\n</section>\n";
        return;
    }
    h << "<table>\n<colgroup><col style=\"width:34%\"><col style=\"width:16%\"><col style=\"width:50%\"></colgroup>\n"
         "<thead><tr><th>"
      << text(m, "report.role") << "</th><th>" << text(m, "report.col.steps") << "</th><th>"
      << text(m, "report.col.contact") << "</th></tr></thead>\n";
    const std::string centre = last_field(s, EventType::centre_contact, [](const Event& e) { return e.centre; });
    for (const auto& r : roles) {
        std::string nums;
        for (size_t n : r.steps) nums += (nums.empty() ? "" : ", ") + std::to_string(n);
        h << "<tr data-role=\"" << esc(r.id) << "\"><td>" << esc(r.label);
        if (r.id == "centre" && !centre.empty())
            h << "<br><span class=\"muted\">" << text(m, "report.centre_in_case", {{"centre", centre}}) << "</span>";
        h << "</td><td>" << nums << "</td><td class=\"fill\"></td></tr>\n";
    }
    h << "</table>\n</section>\n";
}

}  // namespace report
}  // namespace sejour61
