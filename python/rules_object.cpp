#include "rules_object.hpp"

#include "columns.hpp"

#include "sejour61/batch.hpp"
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

// An istream over memory that Python keeps alive (bytes are immutable).
class MemoryBuf : public std::streambuf {
public:
    MemoryBuf(const char* data, size_t size) {
        char* p = const_cast<char*>(data);  // only read
        setg(p, p, p + size);
    }
};

// Where the cases come from: a list already turned into texts, or JSON Lines.
struct Source {
    std::vector<std::string> texts;  // a list of cases
    std::unique_ptr<std::istream> lines;
    std::unique_ptr<MemoryBuf> buffer;
    py::object keep;  // the bytes `buffer` reads
    py::object total = py::none();
};

Source source_of(const py::object& cases) {
    Source src;
    if (py::isinstance<py::bytes>(cases)) {
        char* data = nullptr;
        Py_ssize_t size = 0;
        PyBytes_AsStringAndSize(cases.ptr(), &data, &size);
        src.keep = cases;
        src.buffer = std::make_unique<MemoryBuf>(data, static_cast<size_t>(size));
        src.lines = std::make_unique<std::istream>(src.buffer.get());
    } else if (py::isinstance<py::str>(cases) || py::hasattr(cases, "__fspath__")) {
        std::string path = utf8_of(py::module_::import("os").attr("fspath")(cases), "cases");
        auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
        if (!*in) throw CaseError("cases", "cannot read " + path + ": " + std::strerror(errno));
        src.lines = std::move(in);
    } else if (py::isinstance<py::dict>(cases) || !py::isinstance<py::iterable>(cases)) {
        throw py::type_error("cases: must be a list (or another iterable) of cases, the path of a JSON Lines file, "
                             "or JSON Lines as bytes; not " + type_name(cases));
    } else {
        size_t i = 0;
        for (const auto& c : cases)
            src.texts.push_back(case_text(py::reinterpret_borrow<py::object>(c), "cases[" + std::to_string(i++) + "]"));
        src.total = py::int_(src.texts.size());
    }
    return src;
}

// Evaluates the source into `out`, chunk by chunk; counts the cases done.
void evaluate(Source& src, ColumnBuilder& out, const std::shared_ptr<const RuleBook>& book,
              const std::vector<RuleSetSpec>& specs, const Date& d, unsigned threads, std::atomic<size_t>& done,
              const std::atomic<bool>& cancel) {
    constexpr size_t chunk = 16384;
    if (src.lines) {
        simulate_lines(*src.lines, [&](const std::vector<SimRow>& rows, const std::vector<size_t>& lines) {
            out.append(rows, lines);
        }, book, specs, d, threads, [&](const BatchProgress& p) { done = p.cases; }, &cancel, chunk);
        return;
    }
    std::vector<size_t> numbers;
    for (size_t at = 0; at < src.texts.size() && !cancel; at += chunk) {
        const size_t end = std::min(src.texts.size(), at + chunk);
        std::vector<std::string> texts(std::make_move_iterator(src.texts.begin() + at),
                                       std::make_move_iterator(src.texts.begin() + end));
        std::vector<SimRow> rows = sejour61::simulate(texts, book, specs, d, threads, &cancel);
        if (cancel) break;
        numbers.resize(end - at);
        for (size_t i = 0; i < numbers.size(); ++i) numbers[i] = at + i;
        out.append(rows, numbers);
        done = end;
    }
}

}  // namespace

// The batch runs without the GIL in its own thread; this thread wakes every
// 50 ms to let Python handle a signal (Ctrl-C stops the batch within one
// chunk of 256 cases per thread and raises KeyboardInterrupt) and to call
// `progress(done, total)` when more cases are done.
py::dict Rules::simulate(const py::object& cases, const py::object& rule_sets_arg, const py::object& on,
                         const py::object& threads_arg, const py::object& progress) const {
    py::module_::import("numpy");  // ImportError now, not after the work
    if (!progress.is_none() && !PyCallable_Check(progress.ptr()))
        throw py::type_error("progress: must be a callable (done, total) or None; not " + type_name(progress));
    Source src = source_of(cases);
    std::vector<std::string> rule_sets = text_list(rule_sets_arg, "rule_sets");
    std::vector<RuleSetSpec> specs;
    for (const auto& s : rule_sets) specs.push_back(parse_rule_set_spec(s));
    Date d = date_arg(on, "on");
    if (!py::isinstance<py::int_>(threads_arg) || threads_arg.cast<long long>() < 0)
        throw CaseError("threads", "must be a whole number >= 0 (0: all cores)");
    unsigned threads = static_cast<unsigned>(std::min<long long>(threads_arg.cast<long long>(), 1024));
    for (const auto& s : specs) Selection(book_, s.pinned, s.reforms);  // an unknown id before any work

    ColumnBuilder out(rule_sets);
    std::atomic<bool> cancel{false}, finished{false}, failed{false};
    std::atomic<size_t> done{0};
    std::exception_ptr failure;
    bool stopped = false;  // a Python error is set (signal, or the progress callback raised)
    {
        py::gil_scoped_release release;
        std::thread worker([&] {
            try {
                evaluate(src, out, book_, specs, d, threads, done, cancel);
            } catch (...) {
                failure = std::current_exception();  // read after join() only
                failed = true;
            }
            finished = true;
        });
        size_t reported = 0;
        while (!stopped) {
            const bool last = finished.load();
            if (!last) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            py::gil_scoped_acquire acquire;
            if (PyErr_CheckSignals() != 0) {
                stopped = true;
            } else if (!progress.is_none() && done.load() != reported && !failed) {
                reported = done.load();
                try {
                    progress(reported, src.total);
                } catch (py::error_already_set& e) {
                    e.restore();
                    stopped = true;
                }
            }
            if (last) break;
        }
        if (stopped) cancel = true;
        worker.join();
    }
    if (stopped) throw py::error_already_set();
    if (failure) std::rethrow_exception(failure);
    return out.finish();
}

}  // namespace s61py
