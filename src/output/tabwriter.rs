//! Column alignment exactly like Go's `text/tabwriter` with podman's settings
//! (`NewWriter(w, 12, 2, 2, ' ', StripEscape)`).
//!
//! The `tabwriter` crate is close but measures cells in terminal columns, while Go counts
//! runes, so wide or zero-width characters would align differently from podman.

/// Minimum cell width including padding.
const MIN_WIDTH: usize = 12;
/// Spaces added after the widest text of a column.
const PADDING: usize = 2;

struct Cell<'a> {
    text: &'a str,
    width: usize,
}

/// Align tab-terminated cells of `text` into columns. Text after the last tab of a line
/// is not part of any column and is left as is; a column is a run of consecutive lines
/// that have a cell at that index, as in Go.
pub(crate) fn align(text: &str) -> String {
    let mut lines: Vec<Vec<Cell<'_>>> = text
        .split('\n')
        .map(|line| {
            line.split('\t')
                .map(|cell| Cell {
                    text: cell,
                    width: cell.chars().count(),
                })
                .collect()
        })
        .collect();
    // Go terminates the cell in progress at Flush only if it has text, so a final line
    // ending in a tab has one cell fewer (and its last tab-terminated cell is no column).
    if let Some(last) = lines.last_mut()
        && last.last().is_some_and(|cell| cell.text.is_empty())
    {
        last.pop();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut widths = Vec::new();
    format_block(&lines, &mut widths, 0, lines.len(), &mut out);
    out
}

/// Go's `Writer.format`: find blocks of lines sharing column `widths.len()`, size that
/// column over the block, recurse for the columns to its right, print the rest as is.
fn format_block(
    lines: &[Vec<Cell<'_>>],
    widths: &mut Vec<usize>,
    mut line0: usize,
    line1: usize,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(lines, widths, line0, this, out);
        line0 = this;
        let mut width = MIN_WIDTH;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(lines[this][column].width + PADDING);
            this += 1;
        }
        widths.push(width);
        format_block(lines, widths, line0, this, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, widths, line0, line1, out);
}

fn write_lines(
    lines: &[Vec<Cell<'_>>],
    widths: &[usize],
    line0: usize,
    line1: usize,
    out: &mut String,
) {
    for (i, line) in lines.iter().enumerate().take(line1).skip(line0) {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell.text);
            if let Some(&width) = widths.get(j) {
                for _ in cell.width..width {
                    out.push(' ');
                }
            }
        }
        // The last line has no newline of its own: it is whatever followed the final one.
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_images_layout() {
        let input = "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n\
                     docker.io/library/big\t1.0\t6e85c1e7e1cc\tLess than a second ago\t3.01 MB\n\
                     localhost/test\tlatest\t1a0192e00016\t1 second ago\t11.4 kB\n";
        // captured from podman 4.3 `podman images` on this machine
        let want = "REPOSITORY             TAG         IMAGE ID      CREATED                 SIZE\n\
                    docker.io/library/big  1.0         6e85c1e7e1cc  Less than a second ago  3.01 MB\n\
                    localhost/test         latest      1a0192e00016  1 second ago            11.4 kB\n";
        assert_eq!(align(input), want);
    }

    #[test]
    fn empty_cells_are_padded_and_trailing_cells_are_not() {
        // podman ps: the empty PORTS column still takes its minimum width
        let input = "STATUS\tPORTS\tNAMES\nCreated\t\tc1\n";
        let want = "STATUS      PORTS       NAMES\nCreated                 c1\n";
        assert_eq!(align(input), want);
    }

    #[test]
    fn lines_without_tabs_split_blocks() {
        let input = "a\tb\nno tabs here at all\nccccccccccccccc\td";
        let want = "a           b\nno tabs here at all\nccccccccccccccc  d";
        assert_eq!(align(input), want);
    }

    #[test]
    fn unfinished_last_line_is_not_a_column() {
        // podman printed this when `table {{.ID}} {{.Foo}}` failed on the first row
        let input = "IMAGE ID\t<no value>\nb629122e1a49\t";
        assert_eq!(align(input), "IMAGE ID    <no value>\nb629122e1a49");
    }

    #[test]
    fn widths_count_runes_not_bytes() {
        let input = "ééééééééééééé\tx\nab\ty\n";
        let want = "ééééééééééééé  x\nab             y\n";
        assert_eq!(align(input), want);
    }

    #[test]
    fn nested_columns_only_span_lines_that_have_them() {
        let input = "a\tb\tc\nlong-first-cell\tz\n";
        let want = "a                b           c\nlong-first-cell  z\n";
        assert_eq!(align(input), want);
    }
}
