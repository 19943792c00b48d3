#include "sejour61/batch.hpp"

#include "sejour61/io.hpp"

namespace sejour61 {

namespace {

const char* const kColumns[] = {"index", "case", "rule_set", "state", "closure_reason", "document", "document_until",
                                "days_with_document", "days_without_document", "a_card_from", "indefinite_from",
                                "warnings", "error"};

// A JSON string literal (the text is made valid UTF-8 first).
void json_string(std::string& out, std::string_view raw) {
    const std::string s = utf8_safe(raw);
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
void csv_field(std::string& out, std::string_view raw) {
    const std::string s = utf8_safe(raw);
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
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

// One row's values as text, null as nullopt; numbers and the error marked raw.
struct Cell {
    std::optional<std::string> text;
    bool raw = false;  // a number or a JSON document: not quoted in JSON Lines
};

std::vector<Cell> cells(const SimRow& r, size_t index, const std::string& label) {
    auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s); };
    auto date = [](const std::optional<Date>& d) { return d ? std::optional<std::string>(format_date(*d)) : std::nullopt; };
    const bool ok = r.error_code.empty();
    auto num = [&](long n) { return ok ? Cell{std::to_string(n), true} : Cell{std::nullopt, true}; };
    return {Cell{std::to_string(index), true},
            Cell{opt(r.case_id)},
            Cell{label},
            Cell{opt(r.state)},
            Cell{opt(r.closure_reason)},
            Cell{opt(r.document)},
            Cell{date(r.document_until)},
            num(r.figures.days_with_document),
            num(r.figures.days_without_document),
            Cell{date(r.figures.a_card_from)},
            Cell{date(r.figures.indefinite_from)},
            num(r.warnings),
            ok ? Cell{std::nullopt, true} : Cell{error_doc(r), true}};
}

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
        std::vector<Cell> row = cells(rows[k], indexes[k / labels.size()], labels[k % labels.size()]);
        if (f == BatchFormat::csv) {
            for (size_t i = 0; i < row.size(); ++i) {
                if (i) out += ',';
                if (row[i].text) csv_field(out, *row[i].text);
            }
        } else {
            out += '{';
            for (size_t i = 0; i < row.size(); ++i) {
                if (i) out += ',';
                out += '"';
                out += kColumns[i];
                out += "\":";
                if (!row[i].text) out += "null";
                else if (row[i].raw) out += *row[i].text;
                else json_string(out, *row[i].text);
            }
            out += '}';
        }
        out += '\n';
    }
}

BatchProgress simulate_lines(std::istream& in, const RowSink& sink, const std::shared_ptr<const RuleBook>& book,
                             const std::vector<RuleSetSpec>& specs, const Date& on, unsigned threads,
                             const std::function<void(const BatchProgress&)>& progress,
                             const std::atomic<bool>* cancel, size_t chunk) {
    BatchProgress p;
    std::vector<std::string> texts;
    std::vector<size_t> indexes;
    bool more = true;
    while (more && !(cancel && cancel->load())) {
        texts.clear();
        indexes.clear();
        for (std::string line; texts.size() < chunk;) {
            if (!std::getline(in, line)) {
                more = false;
                break;
            }
            ++p.lines;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            texts.push_back(std::move(line));
            indexes.push_back(p.lines - 1);
        }
        if (texts.empty()) break;
        std::vector<SimRow> rows = simulate(texts, book, specs, on, threads, cancel);
        if (cancel && cancel->load()) break;
        sink(rows, indexes);
        p.cases += texts.size();
        p.rows += rows.size();
        for (const auto& r : rows) p.errors += r.error_code.empty() ? 0 : 1;
        if (progress) progress(p);
    }
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
