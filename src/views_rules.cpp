// `sejour61 rules` as text: the regimes and reforms with their parameters,
// in the reader's language (headings, grades, bases, titles and dates); the
// ids, keys and values stay as they are.
#include "sejour61/views.hpp"

#include "sejour61/io.hpp"
#include "sejour61/messages.hpp"

#include <optional>
#include <sstream>

namespace sejour61 {

namespace {

// Grades named as `explain` names them (grade.*), in every language.
std::string grade_text(const Messages& m, const std::string& status) { return m.get("grade." + status); }

// "in force from … to … inclusive": Messages writes the dates out, as everywhere.
std::string in_force(const Messages& m, const Date& from, const std::optional<Date>& until) {
    if (!until) return m.get("rules.in_force_open", {{"from", format_date(from)}});
    return m.get("rules.in_force", {{"from", format_date(from)}, {"until", format_date(*until)}});
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
          << in_force(m, r.in_force_from, r.in_force_until)
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
