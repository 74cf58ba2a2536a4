import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['short', /at least 12/],
    ['x'.repeat(129), /at most 128/],
    ['qwerty123456', /too common/],
    ['1q2w3e4r5t6y', /too common/],
    ['Password1234!', /too common/],
    ['!!football2024', /too common/],
    ['abcabcabcabc', /repeated pattern/],
    ['aaaaaaaaaaaaaaaa', /repeated pattern/],
    ['abababab1212', /too few different/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it.each(['correct horse battery staple', 'Tea-kettle on the 9th hill', 'mY3!kLq#Zp0@wT'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );
});
