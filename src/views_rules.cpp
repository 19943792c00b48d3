// `sejour61 rules` as text: the regimes and reforms with their parameters,
// in the reader's language (headings, grades, bases, titles and dates); the
// ids, keys and values stay as they are.
#include "sejour61/views.hpp"

#include "sejour61/io.hpp"
#include "sejour61/messages.hpp"

#include <cstring>
#include <optional>
#include <sstream>

namespace sejour61 {

namespace {

// English keeps the listing as it always was: ISO dates and the rule files'
// own grade words ("secondary"). Other languages write dates out
// (Messages::date) and name grades as `explain` does (grade.*).
bool as_filed(const Messages& m) { return m.lang() == "en"; }

std::string date_text(const Messages& m, const Date& d) { return as_filed(m) ? format_date(d) : m.date(d); }

std::string grade_text(const Messages& m, const std::string& status) {
    return as_filed(m) ? status : m.get("grade." + status);
}

// The catalogue's `id` with {from} and {until} replaced by dates as
// date_text writes them (Messages::get would write an ISO date out).
std::string in_force(const Messages& m, const char* id, const Date& from, const std::optional<Date>& until) {
    std::string t = m.get(id);
    for (auto [name, d] : {std::pair{"{from}", std::optional<Date>(from)}, std::pair{"{until}", until}})
        if (auto at = t.find(name); d && at != std::string::npos) t.replace(at, std::strlen(name), date_text(m, *d));
    return t;
}

// "      key = value  [grade; basis]" for each parameter.
void param_lines(std::ostringstream& s, const std::map<std::string, Param>& params, const Messages& m) {
    for (const auto& [k, p] : params)
        s << "      " << k << " = " << value_json(p.value).dump() << "  [" << grade_text(m, p.status)
          << m.get("punct.semicolon") << m.basis(p.basis) << "]\n";
}

}  // namespace

std::string rules_text(const RuleBook& book, const Messages& m) {
    std::ostringstream s;
    s << m.get("rules.files", {{"dir", printable(book.dir())}}) << "\n"
      << m.get("rules.digest", {{"digest", book.digest()}}) << "\n\n" << m.get("rules.regimes") << "\n";
    for (const auto& r : book.regimes()) {
        s << "  " << r.id << "  "
          << in_force(m, r.in_force_until ? "rules.in_force" : "rules.in_force_open", r.in_force_from, r.in_force_until)
          << "\n    " << m.basis(r.title) << "\n    " << m.basis(r.instrument) << "\n";
        if (!r.extends.empty()) s << "    " << m.get("rules.extends", {{"base", r.extends}}) << "\n";
        param_lines(s, r.params, m);
    }
    s << "\n" << m.get("rules.reforms") << "\n";
    if (book.reforms().empty()) s << "  " << m.get("rules.none") << "\n";
    for (const auto& r : book.reforms()) {
        s << "  " << r.id << "  " << m.basis(r.title) << " [" << grade_text(m, r.status) << m.get("punct.semicolon")
          << m.basis(r.basis) << "]\n";
        param_lines(s, r.params, m);
    }
    return s.str();
}

}  // namespace sejour61
