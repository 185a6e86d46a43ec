//! Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters whose last
//! is a check character computed from the first 17 (weights 3^i mod 31, modulus 31).

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

pub use crate::problems::CreditCodeFault;

/// Checks a credit code; `Err` says what is wrong.
pub fn check_credit_code(code: &str) -> Result<(), CreditCodeFault> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeFault::Length(chars.len()));
    }
    let mut sum = 0;
    for (i, c) in chars[..17].iter().enumerate() {
        let v = ALPHABET.find(*c).ok_or(CreditCodeFault::Character(*c))?;
        sum += v as u32 * WEIGHTS[i];
    }
    let expected_value = (31 - sum % 31) % 31;
    let expected = ALPHABET.chars().nth(expected_value as usize).unwrap_or('0');
    if chars[17] == expected {
        Ok(())
    } else {
        Err(CreditCodeFault::Check {
            found: chars[17],
            expected,
        })
    }
}

/// The check character of the first 17 characters of a code (for synthetic data).
pub fn credit_check_char(first17: &str) -> Option<char> {
    let mut sum = 0;
    for (i, c) in first17.chars().take(17).enumerate() {
        sum += ALPHABET.find(c)? as u32 * WEIGHTS[i];
    }
    ALPHABET.chars().nth(((31 - sum % 31) % 31) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        // Published codes: Alibaba (China) Co., Ltd. and Huawei Technologies Co., Ltd.
        assert_eq!(check_credit_code("91330100716105852F"), Ok(()));
        assert_eq!(check_credit_code("914403001922038216"), Ok(()));
        assert_eq!(
            check_credit_code("914403001922038217"),
            Err(CreditCodeFault::Check {
                found: '7',
                expected: '6'
            })
        );
        assert!(check_credit_code("91440300").is_err());
        assert_eq!(credit_check_char("91330100716105852"), Some('F'));
    }
}
