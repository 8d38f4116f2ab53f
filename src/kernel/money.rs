//! Money as integer cents, written the German way.

/// German price: "1.250,00 €"; "kostenfrei" is the template's business.
pub fn euros(cents: i64) -> String {
    let whole = cents / 100;
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(".{tail}{grouped}");
    }
    format!("{digits}{grouped},{:02} €", cents % 100)
}
