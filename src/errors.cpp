#include "sejour61/errors.hpp"

#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/io.hpp"
#include "sejour61/record.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/sejour61.h"

#include <new>

namespace sejour61 {

const std::vector<ErrorInfo>& error_table() {
    static const std::vector<ErrorInfo> table = {
        {ErrorKind::input, "input", 1, S61_EINPUT, "InputError",
         "invalid input: a case, an event, a date or an option value (the message names the JSON path)"},
        {ErrorKind::usage, "usage", 2, S61_EINPUT, "InputError",
         "a wrong option or command, an unknown regime or reform"},
        {ErrorKind::refused, "refused", 1, S61_EINPUT, "InputError",
         "record: an event refused (invalid, dated after today, or with --strict one that changes nothing)"},
        {ErrorKind::rules, "rules", 3, S61_ERULES, "RulesError", "rule files missing, changed, unlisted or invalid"},
        {ErrorKind::io, "io", 5, S61_EINPUT, "OSError",
         "a file or the output cannot be read or written (disk full, read-only, closed output, a link)"},
        {ErrorKind::nomem, "nomem", 4, S61_ENOMEM, "MemoryError", "out of memory"},
        {ErrorKind::internal, "internal", 4, S61_EINTERNAL, "RuntimeError", "a defect of sejour61"},
    };
    return table;
}

const ErrorInfo& error_info(ErrorKind kind) {
    for (const auto& row : error_table())
        if (row.kind == kind) return row;
    return error_table().back();
}

Classified classify(const std::exception_ptr& e) {
    Classified c;
    try {
        std::rethrow_exception(e);
    } catch (const RefusedEvent& x) {
        c = {ErrorKind::refused, std::string("refused (") + x.rule() + "): " + x.what(), "event", x.rule(), x.said()};
    } catch (const CaseError& x) {
        c = {ErrorKind::input, x.what(), x.path(), "", x.said()};
    } catch (const QueryError& x) {
        c = {ErrorKind::input, x.what(), x.path(), "", x.said()};
    } catch (const UsageError& x) {
        c = {ErrorKind::usage, x.what(), "", "", x.said()};
    } catch (const UnknownRuleSet& x) {
        c = {ErrorKind::usage, x.what(), "", "", x.said()};
    } catch (const RulesError& x) {
        c = {ErrorKind::rules, x.what(), "", "", say(x.what())};
    } catch (const IoError& x) {
        c = {ErrorKind::io, x.what(), "", "", x.said()};
    } catch (const InputLimit& x) {
        c = {ErrorKind::input, x.what(), "", "", x.said()};
    } catch (const std::bad_alloc&) {
        c = {ErrorKind::nomem, "out of memory", "", "", say("out of memory")};
    } catch (const std::exception& x) {
        c = {ErrorKind::internal, std::string("internal error: ") + x.what(), "", "",
             say("internal error: {what}", {{"what", x.what()}})};
    } catch (...) {
        c = {ErrorKind::internal, "internal error", "", "", say("internal error")};
    }
    return c;
}

}  // namespace sejour61
