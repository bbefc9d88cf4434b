//! The text rendering of a sheet, laid out exactly as the project bank's pages print.

use crate::sheet::Sheet;
use crate::truth::Layout;

/// The sheet as text (no trailing newline, like the real renderings).
pub(crate) fn text(sheet: &Sheet) -> String {
    let mut out = String::with_capacity(8 * 1024);
    for banner in &sheet.banners {
        for block in banner.text_blocks() {
            out.push_str(block);
            out.push_str("\n\n");
        }
    }
    out.push_str(&sheet.title_line);
    out.push_str("\n\n");
    match sheet.layout {
        Layout::Esf2007 => {
            // Labels glued to their values: `ProjektägareBjurholms kommun`.
            for field in &sheet.fields {
                out.push_str(field.label);
                out.push_str(&field.value);
                out.push('\n');
            }
            if sheet.in_english {
                out.push_str("In English\n");
            }
            out.push('\n');
            for section in &sheet.body {
                if let Some(heading) = section.heading {
                    out.push_str(heading);
                    out.push_str("\n\n");
                }
                out.push_str(&section.paragraphs.join("\n"));
                out.push_str("\n\n");
            }
        }
        Layout::Esf2014 | Layout::Esf2021 => {
            // `Label:` on one line, the value on the next; an empty value gives no line.
            for field in &sheet.fields {
                out.push_str(field.label);
                out.push_str(":\n");
                if !field.value.is_empty() {
                    out.push_str(&field.value);
                    out.push('\n');
                }
            }
            out.push('\n');
            let sep = if sheet.blank_between_paragraphs {
                "\n\n"
            } else {
                "\n"
            };
            for section in &sheet.body {
                if let Some(heading) = section.heading {
                    out.push_str(heading);
                    out.push_str("\n\n");
                }
                out.push_str(&section.paragraphs.join(sep));
                out.push_str("\n\n");
            }
        }
    }
    for (i, list) in sheet.lists.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(list.heading);
        out.push_str("\n\n");
        for item in &list.items {
            out.push_str(list.indent);
            out.push_str(item);
            out.push('\n');
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}
