//! What `griffie serve` adds to served HTML pages: the live-reload script and, after a failed
//! build, the error overlay. Only responses get it; the files on disk stay as built.
//!
//! The script long-polls `/__griffie/version?since=N&page=P` (the server answers when the build
//! number is no longer `N`) and reloads the page when a build since may have written its file.
//! The overlay is plain HTML made here, with every piece of source text escaped: messages quote
//! the clerk's sources.

use super::Problem;
use crate::escape::html as escape;

/// The id of the overlay element, for tests and for styling.
pub(crate) const OVERLAY_ID: &str = "griffie-overlay";

/// `html` with the reload script (and the overlay, when there are problems) before `</body>`.
pub(crate) fn inject(html: &str, version: u64, problems: Option<&[Problem]>) -> String {
    let mut snippet = String::new();
    if let Some(problems) = problems {
        snippet.push_str(&overlay(problems));
    }
    snippet.push_str(&reload_script(version));
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(&snippet);
    out.push_str(&html[at..]);
    out
}

/// Byte offset of the last `</body>`, in any letter case.
fn find_body_end(html: &str) -> Option<usize> {
    html.to_ascii_lowercase().rfind("</body>")
}

fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version};function poll(){{fetch('/__griffie/version?since='+v+'&page='+\
         encodeURIComponent(location.pathname),{{cache:'no-store'}}).then(function(r){{return r.text()}})\
         .then(function(t){{if(t.charAt(0)==='='){{v=Number(t.slice(1));poll()}}else if(Number(t)!==v)\
         {{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// The overlay: fixed at the bottom, above everything, dark red on white (contrast above 7:1),
/// announced to screen readers as an alert.
pub fn overlay(problems: &[Problem]) -> String {
    let mut items = String::new();
    for problem in problems {
        let place = match problem.line {
            Some(line) => format!("{}:{line}", problem.path),
            None => problem.path.clone(),
        };
        items.push_str(&format!(
            "<li style=\"margin:.5rem 0\"><code style=\"font-weight:bold\">{}</code>: {}",
            escape(&place),
            escape(&problem.message)
        ));
        if let Some(hint) = &problem.hint {
            items.push_str(&format!(
                "<br><span style=\"color:#333\">{}</span>",
                crate::t!("report.hint", hint = escape(hint))
            ));
        }
        items.push_str("</li>");
    }
    format!(
        "<div id=\"{OVERLAY_ID}\" lang=\"{}\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;\
         overflow:auto;z-index:2147483647;background:#fff;color:#1a1a1a;border-top:6px solid #a4001d;\
         box-shadow:0 -4px 16px rgba(0,0,0,.35);padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif\">\
         <button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit\">\
         {}</button><h2 style=\"margin:0 0 .5rem;font-size:1.2rem;color:#a4001d\">{}</h2>\
         <ul style=\"margin:0;padding-left:1.25rem\">{items}</ul></div>",
        crate::i18n::language().code(),
        crate::t!("overlay.close"),
        crate::t!("overlay.title")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(message: &str) -> Problem {
        Problem {
            path: "content/moties/a.md".into(),
            line: Some(3),
            message: message.into(),
            hint: None,
        }
    }

    #[test]
    fn snippet_goes_before_the_last_body_end() {
        let page = inject("<html><BODY><p>x</p></BODY></html>", 4, None);
        assert!(page.starts_with("<html><BODY><p>x</p><script>"));
        assert!(page.ends_with("</script></BODY></html>"));
        assert!(page.contains("var v=4;"));
    }

    #[test]
    fn page_without_body_gets_the_snippet_at_the_end() {
        assert!(inject("<p>x</p>", 1, None).ends_with("</script>"));
    }

    #[test]
    fn overlay_escapes_source_text() {
        let page = inject(
            "<body></body>",
            1,
            Some(&[problem("<script>alert(1)</script> & \"x\"")]),
        );
        assert!(page.contains("role=\"alert\""));
        assert!(page.contains("content/moties/a.md:3"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(!page.contains("<script>alert(1)"));
    }
}
