#include "rules_object.hpp"

#include "sejour61/simulate.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <chrono>
#include <thread>

namespace s61py {

namespace {

// The batch runs without the GIL in its own thread; this thread wakes every
// 50 ms to let Python handle a signal: Ctrl-C stops the batch within one
// chunk per thread and raises KeyboardInterrupt.
std::vector<SimRow> run_interruptible(const std::vector<std::string>& texts, const std::shared_ptr<const RuleBook>& book,
                                      const std::vector<RuleSetSpec>& specs, const Date& d, unsigned threads) {
    std::vector<SimRow> rows;
    std::atomic<bool> cancel{false}, done{false};
    std::exception_ptr failure;
    {
        py::gil_scoped_release release;
        std::thread worker([&] {
            try {
                rows = sejour61::simulate(texts, book, specs, d, threads, &cancel);
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
    return rows;
}

// One row per case and rule set, case-major, as columns (a dict of lists).
py::dict columns(const std::vector<SimRow>& rows, const std::vector<std::string>& rule_sets,
                 const std::vector<size_t>& indexes) {
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
        case_i[k] = indexes.empty() ? k / rule_sets.size() : indexes[k / rule_sets.size()];
        rule_set[k] = rule_sets[k % rule_sets.size()];
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

// JSON Lines (bytes, or the path of a file): the non-empty lines and their 0-based line numbers.
void read_json_lines(const py::object& cases, std::vector<std::string>& texts, std::vector<size_t>& indexes) {
    std::string data;
    if (py::isinstance<py::bytes>(cases)) {
        data = cases.cast<std::string>();
    } else {
        std::string path = utf8_of(py::module_::import("os").attr("fspath")(cases), "cases");
        std::ifstream in(path, std::ios::binary);
        if (!in) throw CaseError("cases", "cannot read " + path + ": " + std::strerror(errno));
        data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    size_t line = 0;
    for (size_t at = 0; at < data.size(); ++line) {
        size_t end = data.find('\n', at);
        if (end == std::string::npos) end = data.size();
        std::string_view l(data.data() + at, end - at);
        if (l.find_first_not_of(" \t\r") != std::string_view::npos) {
            texts.emplace_back(l);
            indexes.push_back(line);
        }
        at = end + 1;
    }
}

}  // namespace

py::dict Rules::simulate(const py::object& cases, const py::object& rule_sets_arg, const py::object& on,
                         const py::object& threads_arg) const {
    std::vector<std::string> texts;
    std::vector<size_t> indexes;  // JSON Lines: the line of each case
    if (py::isinstance<py::bytes>(cases) || py::isinstance<py::str>(cases) || py::hasattr(cases, "__fspath__")) {
        read_json_lines(cases, texts, indexes);
    } else if (py::isinstance<py::dict>(cases) || !py::isinstance<py::iterable>(cases)) {
        throw py::type_error("cases: must be a list (or another iterable) of cases, the path of a JSON Lines file, "
                             "or JSON Lines as bytes; not " + type_name(cases));
    } else {
        size_t i = 0;
        for (const auto& c : cases)
            texts.push_back(case_text(py::reinterpret_borrow<py::object>(c), "cases[" + std::to_string(i++) + "]"));
    }
    std::vector<std::string> rule_sets = text_list(rule_sets_arg, "rule_sets");
    std::vector<RuleSetSpec> specs;
    for (const auto& s : rule_sets) specs.push_back(parse_rule_set_spec(s));
    Date d = date_arg(on, "on");
    if (!py::isinstance<py::int_>(threads_arg) || threads_arg.cast<long long>() < 0)
        throw CaseError("threads", "must be a whole number >= 0 (0: all cores)");
    unsigned threads = static_cast<unsigned>(std::min<long long>(threads_arg.cast<long long>(), 1024));
    return columns(run_interruptible(texts, book_, specs, d, threads), rule_sets, indexes);
}

}  // namespace s61py
