// diagnostic.cpp: rendering diagnostics with the source line and a caret.
#include "lang/diagnostic.h"

#include <algorithm>

namespace carecap {

bool has_errors(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

namespace {

const char* label(Severity s) {
    switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
    }
    return "error";
}

constexpr std::size_t max_shown_width = 120;

// `count` characters of `text` from character `first` (UTF-8 aware).
std::string characters(std::string_view text, std::size_t first, std::size_t count) {
    std::string out;
    std::size_t index = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (starts_character && i > 0) ++index;
        if (index >= first + count) break;
        if (index >= first) out += text[i];
    }
    return out;
}

// Columns are counted in characters, so a '£' (two bytes in UTF-8) is one column.
std::size_t display_width(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

void render_into(std::string& out, const Diagnostic& d) {
    if (d.span.valid()) out += d.span.where() + ": ";
    else if (d.span.file) out += d.span.file->name + ": ";
    out += label(d.severity);
    out += ": ";
    out += d.message;
    out += '\n';
    // A place in a file whose text is not kept (it is not UTF-8, say) is named but not shown.
    if (d.span.valid() && !d.span.file->text.empty()) {
        std::string number = std::to_string(d.span.line);
        std::string gutter(number.size(), ' ');
        std::string_view line = d.span.file->line_text(d.span.line);
        // The underline covers the span on its first line only.
        std::size_t col = d.span.column > 0 ? d.span.column - 1 : 0;
        std::size_t width = std::max<std::size_t>(1, display_width(d.span.text().substr(0, d.span.text().find('\n'))));
        std::size_t line_width = display_width(line);
        if (col + width > line_width && line_width > col) width = line_width - col;
        // A very long line is shown as a window around the place, marked with "...".
        std::string shown(line);
        if (line_width > max_shown_width) {
            std::size_t first = col > max_shown_width / 2 ? col - max_shown_width / 2 : 0;
            shown = std::string(first > 0 ? "..." : "") + characters(line, first, max_shown_width) +
                    (first + max_shown_width < line_width ? "..." : "");
            col = col - first + (first > 0 ? 3 : 0);
            width = std::min(width, max_shown_width / 2);
        }
        out += " " + number + " | " + shown + '\n';
        // Tabs before the place stay tabs, so the caret lines up however the terminal shows them.
        std::string pad;
        for (char ch : characters(shown, 0, col)) pad += ch == '\t' ? '\t' : ' ';
        if (pad.size() < col) pad.append(col - pad.size(), ' ');
        out += " " + gutter + " | " + pad + "^" + std::string(width - 1, '~') + '\n';
    }
    if (!d.hint.empty()) out += "hint: " + d.hint + '\n';
    for (const auto& n : d.notes) render_into(out, n);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::string render(const Diagnostic& d) {
    std::string out;
    render_into(out, d);
    return out;
}

std::string render(const Diagnostics& ds) {
    std::string out;
    for (const auto& d : ds) render_into(out, d);
    return out;
}

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::min<std::size_t>(3, std::max<std::size_t>(1, name.size() / 3)) + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(name, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

} // namespace carecap
