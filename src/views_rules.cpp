// `sejour61 rules` as text: the regimes and reforms with their parameters.
#include "sejour61/views.hpp"

#include "sejour61/io.hpp"

#include <sstream>

namespace sejour61 {

std::string rules_text(const RuleBook& book) {
    std::ostringstream s;
    s << "Rule files: " << printable(book.dir()) << "\nDigest: " << book.digest() << "\n\nRegimes:\n";
    for (const auto& r : book.regimes()) {
        s << "  " << r.id << "  in force " << format_date(r.in_force_from) << " .. "
          << (r.in_force_until ? format_date(*r.in_force_until) : std::string("")) << "\n    " << r.title << "\n    "
          << r.instrument << "\n" << (r.extends.empty() ? std::string() : "    extends " + r.extends + ": every parameter below not changed here is " + r.extends + "'s\n");
        for (const auto& [k, p] : r.params)
            s << "      " << k << " = " << value_json(p.value).dump() << "  [" << p.status << "; " << p.basis << "]\n";
    }
    s << "\nReforms:\n";
    if (book.reforms().empty()) s << "  (none)\n";
    for (const auto& r : book.reforms()) {
        s << "  " << r.id << "  " << r.title << " [" << r.status << "; " << r.basis << "]\n";
        for (const auto& [k, p] : r.params)
            s << "      " << k << " = " << value_json(p.value).dump() << "  [" << p.status << "; " << p.basis << "]\n";
    }
    return s.str();
}

}  // namespace sejour61
