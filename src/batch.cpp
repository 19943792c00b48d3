#include "sejour61/batch.hpp"

#include "doc_writer.hpp"

#include <future>

#include "sejour61/io.hpp"

namespace sejour61 {

namespace {

const char* const kColumns[] = {"index", "case", "rule_set", "state", "closure_reason", "document", "document_until",
                                "days_with_document", "days_without_document", "a_card_from", "indefinite_from",
                                "warnings", "error"};

// The text as valid UTF-8: itself when it is (as every parsed value is).
std::string_view valid_text(std::string_view raw, std::string& scratch) {
    for (size_t i = 0, n; i < raw.size(); i += n)
        if ((n = utf8_sequence(raw, i)) == 0) return scratch = utf8_safe(raw);
    return raw;
}

// A JSON string literal (the one escaping of every JSON text: doc_writer.hpp).
void json_string(std::string& out, std::string_view raw) {
    std::string scratch;
    append_json_string(out, valid_text(raw, scratch));
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
void csv_field(std::string& out, std::string_view raw) {
    std::string scratch;
    const std::string_view s = valid_text(raw, scratch);
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string error_doc(const SimRow& r) {
    std::string e = "{\"format\":\"sejour61.error/1\",\"code\":";
    json_string(e, r.error_code);
    e += ",\"message\":";
    json_string(e, r.error);
    e += ",\"path\":";
    if (r.error_path.empty()) e += "null";
    else json_string(e, r.error_path);
    return e + "}";
}

// One row, column after column, written straight into the output: null is
// an empty CSV field or JSON null; numbers and the error document are not
// quoted in JSON Lines.
class RowWriter {
public:
    RowWriter(std::string& out, BatchFormat f) : out_(out), json_(f == BatchFormat::jsonl) {}
    void text(std::string_view s) {
        next();
        if (json_) json_string(out_, s);
        else csv_field(out_, s);
    }
    void text_or_null(std::string_view s) { s.empty() ? null() : text(s); }
    void raw(std::string_view s) {
        next();
        if (json_) out_ += s;
        else csv_field(out_, s);
    }
    void number(long long n) { raw(std::to_string(n)); }
    void date(const std::optional<Date>& d) { d ? text(format_date(*d)) : null(); }
    void null() {
        next();
        if (json_) out_ += "null";
    }
    void end() { out_ += json_ ? "}\n" : "\n"; }

private:
    std::string& out_;
    bool json_;
    size_t column_ = 0;
    void next() {
        if (json_) {
            out_ += column_ ? ",\"" : "{\"";
            out_ += kColumns[column_];
            out_ += "\":";
        } else if (column_) {
            out_ += ',';
        }
        ++column_;
    }
};

}  // namespace

std::string batch_header(BatchFormat f) {
    if (f != BatchFormat::csv) return "";
    std::string h;
    for (const char* c : kColumns) h += (h.empty() ? "" : ",") + std::string(c);
    return h + "\n";
}

void append_batch_rows(std::string& out, const std::vector<SimRow>& rows, const std::vector<size_t>& indexes,
                       const std::vector<std::string>& labels, BatchFormat f) {
    for (size_t k = 0; k < rows.size(); ++k) {
        const SimRow& r = rows[k];
        const bool ok = r.error_code.empty();
        RowWriter w(out, f);
        w.number(static_cast<long long>(indexes[k / labels.size()]));
        w.text_or_null(r.case_id);
        w.text(labels[k % labels.size()]);
        w.text_or_null(r.state);
        w.text_or_null(r.closure_reason);
        w.text_or_null(r.document);
        w.date(r.document_until);
        ok ? w.number(r.figures.days_with_document) : w.null();
        ok ? w.number(r.figures.days_without_document) : w.null();
        w.date(r.figures.a_card_from);
        w.date(r.figures.indefinite_from);
        ok ? w.number(r.warnings) : w.null();
        ok ? w.null() : w.raw(error_doc(r));
        w.end();
    }
}

// The rows of one chunk go to the sink on their own thread while the next
// chunk is read and evaluated (the sink is called in order, one chunk at a
// time; its error comes out at the next hand-over or at the end).
BatchProgress simulate_lines(std::istream& in, const RowSink& sink, const std::shared_ptr<const RuleBook>& book,
                             const std::vector<RuleSetSpec>& specs, const Date& on, unsigned threads,
                             const std::function<void(const BatchProgress&)>& progress,
                             const std::atomic<bool>* cancel, size_t chunk) {
    struct Chunk {
        std::vector<SimRow> rows;
        std::vector<size_t> indexes;
    };
    BatchProgress p;
    std::shared_ptr<Chunk> held;  // the chunk the sink has, or had
    std::future<void> writing;
    auto finish_writing = [&] {
        if (!writing.valid()) return;
        writing.get();
        p.cases += held->indexes.size();
        p.rows += held->rows.size();
        for (const auto& r : held->rows) p.errors += r.error_code.empty() ? 0 : 1;
        if (progress) progress(p);
    };
    bool more = true;
    while (more && !(cancel && cancel->load())) {
        auto next = std::make_shared<Chunk>();
        std::vector<std::string> texts;
        for (std::string line; texts.size() < chunk;) {
            if (!std::getline(in, line)) {
                more = false;
                break;
            }
            ++p.lines;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            texts.push_back(std::move(line));
            next->indexes.push_back(p.lines - 1);
        }
        if (texts.empty()) break;
        next->rows = simulate(texts, book, specs, on, threads, cancel);
        if (cancel && cancel->load()) break;
        finish_writing();
        held = std::move(next);
        writing = std::async(std::launch::async, [&sink, c = held] { sink(c->rows, c->indexes); });
    }
    finish_writing();
    return p;
}

BatchProgress simulate_stream(std::istream& in, const std::function<void(std::string_view)>& sink,
                              const std::shared_ptr<const RuleBook>& book, const std::vector<std::string>& rule_sets,
                              const Date& on, BatchFormat f, unsigned threads,
                              const std::function<void(const BatchProgress&)>& progress,
                              const std::atomic<bool>* cancel, size_t chunk) {
    std::vector<RuleSetSpec> specs;
    for (const auto& s : rule_sets) {
        specs.push_back(parse_rule_set_spec(s));
        Selection(book, specs.back().pinned, specs.back().reforms);  // an unknown id stops here, before any row
    }
    sink(batch_header(f));
    std::string out;
    auto write = [&](const std::vector<SimRow>& rows, const std::vector<size_t>& indexes) {
        out.clear();
        append_batch_rows(out, rows, indexes, rule_sets, f);
        sink(out);
    };
    return simulate_lines(in, write, book, specs, on, threads, progress, cancel, chunk);
}

}  // namespace sejour61
