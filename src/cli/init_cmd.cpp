// `sejour61 init CASE --id ... --birth-date ... --nationality ... --offence ...`:
// a new case file without writing JSON (src/case_entry.cpp builds it, the
// parser judges it), created 0600, whole or not at all, never over a file.
#include "init_cmd.hpp"

#include "sejour61/case_entry.hpp"
#include "sejour61/errors.hpp"
#include "sejour61/calendar.hpp"
#include "sejour61/case.hpp"
#include "sejour61/io.hpp"

#include <sys/stat.h>

namespace sejour61::cli {

std::string init_command(const std::vector<std::string>& positional,
                         const std::vector<std::pair<std::string, std::string>>& fields, bool json, const Messages& msg) {
    if (positional.size() != 1 || positional[0] == "-") throw UsageError(msg.get("init.usage"));
    const std::string& path = positional[0];
    const nlohmann::ordered_json c = case_skeleton(fields, msg);
    // A birth in the future is no fact yet (as record refuses an event after today).
    const Date today = today_brussels();
    if (*parse_date(c["person"]["birth_date"].get<std::string>()) > today)
        throw CaseError("--birth-date", msg.get("init.birth_future", {{"date", c["person"]["birth_date"].get<std::string>()},
                                                                      {"today", format_date(today)}}));
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0)  // said plainly; the link(2) of write_new_file is the guard
        throw CaseError("", msg.get("init.exists", {{"case", printable(path)}}));
    const std::string text = c.dump(2) + "\n";
    write_new_file(path, text);
    if (json) return text;
    return msg.get("init.created", {{"case", printable(path)}, {"id", printable(c["id"].get<std::string>())}}) + "\n";
}

std::string init_help(const Messages& msg) { return msg.get("init.help") + "\n" + case_fields_text(msg); }

}  // namespace sejour61::cli
