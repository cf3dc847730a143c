import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tokenizer, tokenize } from '../../src/text/tokenize.js';
import { EmbedkitError } from '../../src/errors.js';

test('English: case folded, punctuation dropped, contractions kept whole', () => {
  assert.deepEqual(tokenize("Don't PANIC! It's fine, isn’t it?"), ["don't", 'panic', "it's", 'fine', 'isn’t', 'it']);
});

test('numbers with decimal points and thousands separators stay whole', () => {
  assert.deepEqual(tokenize('Pi is 3.14, a crowd is 1,000,000. Version v1.2.3 ends.'), [
    'pi', 'is', '3.14', 'a', 'crowd', 'is', '1,000,000', 'version', 'v1.2.3', 'ends',
  ]);
  // A sentence-final period or a comma between words is punctuation, not part of a number.
  assert.deepEqual(tokenize('in 1999. then, 2000'), ['in', '1999', 'then', '2000']);
});

test('hyphenated words stay whole; dashes and leading hyphens are punctuation', () => {
  assert.deepEqual(tokenize('state-of-the-art e-mail -- well -5'), ['state-of-the-art', 'e-mail', 'well', '5']);
});

test('punctuation kept: each mark a token, a repeated mark one token', () => {
  assert.deepEqual(tokenize('Wait... what?! "Yes" (no)', { punctuation: 'keep', lowercase: false }), [
    'Wait', '...', 'what', '?', '!', '"', 'Yes', '"', '(', 'no', ')',
  ]);
  assert.deepEqual(tokenize("students' 'quoted'", { punctuation: 'keep' }), ['students', "'", "'", 'quoted', "'"]);
});

test('lowercase can be turned off', () => {
  assert.deepEqual(tokenize('Paris IS Big', { lowercase: false }), ['Paris', 'IS', 'Big']);
});

test('accents, combining marks and other scripts are letters', () => {
  assert.deepEqual(tokenize('Café naïve ÉCOLE Zoë'), ['café', 'naïve', 'école', 'zoë']);
  // "e" followed by U+0301 COMBINING ACUTE ACCENT is one word, not split at the mark.
  assert.deepEqual(tokenize('cafe\u0301 noir'), ['cafe\u0301', 'noir']);
  assert.deepEqual(tokenize('Привет, мир! Ёлка'), ['привет', 'мир', 'ёлка']);
  assert.deepEqual(tokenize('مرحبا بالعالم، كيف الحال؟'), ['مرحبا', 'بالعالم', 'كيف', 'الحال']);
  assert.deepEqual(tokenize('नमस्ते दुनिया'), ['नमस्ते', 'दुनिया']);
  assert.deepEqual(tokenize('Γειά σου κόσμε'), ['γειά', 'σου', 'κόσμε']);
});

test('clitics split off by an earlier tokenizer stay whole; quotes around words do not', () => {
  assert.deepEqual(tokenize("it 's fine , they 're here and i 'm sure we 'll go", { punctuation: 'keep' }), [
    'it', "'s", 'fine', ',', 'they', "'re", 'here', 'and', 'i', "'m", 'sure', 'we', "'ll", 'go',
  ]);
  assert.deepEqual(tokenize("he ’s IT 'S"), ['he', '’s', 'it', "'s"]);
  assert.deepEqual(tokenize("'sure' rock 'n' roll 'mon", { punctuation: 'keep' }), ["'", 'sure', "'", 'rock', "'", 'n', "'", 'roll', "'", 'mon']);
});

test('symbols and emoji count as punctuation', () => {
  assert.deepEqual(tokenize('cost $5 & 10% 😀'), ['cost', '5', '10']);
  assert.deepEqual(tokenize('cost $5 😀', { punctuation: 'keep' }), ['cost', '$', '5', '😀']);
});

test('whitespace of every kind separates; empty text gives no tokens', () => {
  assert.deepEqual(tokenize('a\tb\u00a0c\u3000d\r\ne\u200bf'), ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' \n\t '), []);
});

test('Chinese is word-segmented with jieba', () => {
  const tokens = tokenize('猫是最爱的动物。');
  assert.equal(tokens[0], '猫');
  assert.equal(tokens[1], '是');
  assert.equal(tokens.at(-1), '动物');
  assert.equal(tokens.join(''), '猫是最爱的动物');
  assert.deepEqual(tokenize('我爱北京天安门'), ['我', '爱', '北京', '天安门']);
});

test('Chinese with punctuation kept keeps the full-width marks', () => {
  assert.deepEqual(tokenize('我爱北京，天安门。', { punctuation: 'keep' }), ['我', '爱', '北京', '，', '天安门', '。']);
});

test('mixed Chinese and English: runs split by script', () => {
  assert.deepEqual(tokenize('我爱Python和JavaScript，2024年'), ['我', '爱', 'python', '和', 'javascript', '2024', '年']);
});

test('the Intl segmenter also segments Chinese', () => {
  const tokens = tokenize('猫是最爱的动物。', { segmenter: 'intl' });
  assert.equal(tokens[0], '猫');
  assert.equal(tokens.at(-1), '动物');
  assert.equal(tokens.join(''), '猫是最爱的动物');
});

test('Japanese (kana present) goes to the Intl segmenter, not per character', () => {
  const tokens = tokenize('東京都に住んでいます。');
  assert.equal(tokens.join(''), '東京都に住んでいます');
  assert.ok(tokens.includes('東京'), `expected 東京 in ${tokens.join('|')}`);
  assert.ok(tokens.length < 10, 'some tokens span several characters');
  assert.deepEqual(tokenize('東京都に住んでいます。', { lang: 'ja' }), tokens);
});

test("lang 'en' splits Han into single characters", () => {
  assert.deepEqual(tokenize('我爱北京 ok', { lang: 'en' }), ['我', '爱', '北', '京', 'ok']);
});

test('Thai, written without spaces, is split into words', () => {
  const tokens = tokenize('ภาษาไทยง่ายนิดเดียว');
  assert.ok(tokens.length >= 3, tokens.join('|'));
  assert.equal(tokens.join(''), 'ภาษาไทยง่ายนิดเดียว');
});

test('Tokenizer: config filled, round trip, bad values rejected with the field', () => {
  const tokenizer = new Tokenizer({ lowercase: false });
  assert.deepEqual(tokenizer.getConfig(), { lang: 'auto', lowercase: false, punctuation: 'drop', segmenter: 'jieba' });
  const again = Tokenizer.fromConfig(JSON.parse(JSON.stringify(tokenizer.getConfig())));
  assert.deepEqual(again.tokenize('Hello World'), ['Hello', 'World']);
  assert.throws(
    () => Tokenizer.fromConfig({ lang: 'fr' }),
    (error: unknown) => error instanceof EmbedkitError && error.place.field === 'lang',
  );
  assert.throws(() => Tokenizer.fromConfig({ lowercase: 'yes' }), EmbedkitError);
  assert.throws(() => Tokenizer.fromConfig(null), EmbedkitError);
});

test('the shared pattern is reset between calls', () => {
  const tokenizer = new Tokenizer();
  assert.deepEqual(tokenizer.tokenize('one two three'), ['one', 'two', 'three']);
  assert.deepEqual(tokenizer.tokenize('four'), ['four']);
});
