import { describe, expect, it } from 'vitest';
import { answerVariants, asSentence, backgroundNote, datedRelative, perfectBeforeDate, inSentence, lowerFirst, mainClause, nounPhrase, parseClause, questionOf, withoutPartyCode } from '../../src/cards/phrasing.js';
import { withContext } from '../../src/cards/templates/quotes.js';

/** The English rules of src/cards/phrasing.ts that hold for any article, each on the cases that made a bad card. */
describe('answerVariants: shorter forms that say the same fact (rule 10)', () => {
  it('accepts a place without its region, a number without its apposition, hedge or unit', () => {
    expect(answerVariants('Memphis, Tennessee')).toEqual(['Memphis']);
    expect(answerVariants('58%, an all time high')).toEqual(['58%', '58 percent', '58 per cent']);
    expect(answerVariants('about 9:50 am')).toEqual(['9:50 am']);
    // The sum is the fact, not how its currency is written; a bare "$" names no country.
    expect(answerVariants('US$1.1 billion')).toEqual(expect.arrayContaining(['$1.1 billion', '1.1 billion dollars', '1.1 billion US dollars']));
    expect(answerVariants('$800 million')).toEqual(['800 million dollars']);
    expect(answerVariants('38%')).toEqual(['38 percent', '38 per cent']);
    expect(answerVariants('18 or 19 miles')).toEqual(['18 or 19']);
    expect(answerVariants('no more than six feet (1.8 metres)')).toEqual(expect.arrayContaining(['no more than six feet', 'six feet', '1.8 metres']));
  });

  it('accepts a share, a vote and a hedged figure in their other usual spellings', () => {
    expect(answerVariants('By as much as 7%.')).toEqual(expect.arrayContaining(['7%', '7 percent']));
    expect(answerVariants('74 yeas to 25 nays.')).toEqual(['74-25', '74–25', '74 to 25']);
    expect(answerVariants('3/5.')).toEqual(['three-fifths', 'three fifths']);
    expect(answerVariants('1/2')).toContain('a half');
    expect(answerVariants('two-thirds')).toContain('2/3');
    // Not a date, nor a fraction that is none.
    expect(answerVariants('9/11')).toEqual([]);
    expect(answerVariants('Pancreatic cancer.')).toEqual([]);
  });

  it('never accepts less than the fact: not a size without its scale, a time without am/pm, nor half of a list', () => {
    for (const form of answerVariants('US$1.1 billion')) expect(form).toMatch(/^(?:US )?\$?1\.1 billion(?: US)?(?: dollars)?$/);
    expect(answerVariants('9:50 am')).toEqual([]);
    expect(answerVariants('45, 46 percent')).not.toContain('45');
    expect(answerVariants('With her father’s help, Franklin signed with JVB Records')).toEqual([]);
    expect(answerVariants('some 300 police buses blocked protesters from the plaza where a vigil was scheduled')).toEqual([]);
  });
});

describe('perfectBeforeDate: a present perfect with a date is put in the past (rule 11)', () => {
  it('makes "have voiced … before 20 February 2025" "had voiced", and leaves "since" and quotations', () => {
    expect(perfectBeforeDate('What have Chinese officials voiced approval of in the days before 20 February 2025?')).toBe(
      'What had Chinese officials voiced approval of in the days before 20 February 2025?',
    );
    expect(perfectBeforeDate('Tear gas has been banned since 1999.')).toBe('Tear gas has been banned since 1999.');
    expect(perfectBeforeDate('What has NATO accused China of supplying?')).toBe('What has NATO accused China of supplying?');
    expect(perfectBeforeDate('He said: “We have won it in 2012.”')).toBe('He said: “We have won it in 2012.”');
  });
});

describe('datedRelative: a date for words that only the day of the story can tell (rule 6)', () => {
  it('dates this week, last week, yesterday and this year from the publication date', () => {
    expect(datedRelative('the court scheduled to hear two cases this week', '2013-03-26')).toBe('the court scheduled to hear two cases in the week of 26 March 2013');
    expect(datedRelative('the poll published last week', '2013-03-26')).toBe('the poll published in the week before 26 March 2013');
    expect(datedRelative('who resigned yesterday', '2013-03-01')).toBe('who resigned on 28 February 2013');
    expect(datedRelative('signed earlier this month', '2013-03-26')).toBe('signed earlier in March 2013');
    expect(datedRelative('elected last year', '2013-03-26')).toBe('elected in 2012');
  });

  it('keeps a quotation as spoken, and the text as written without a full date', () => {
    expect(datedRelative('Who said “we vote today”?', '2013-03-26')).toBe('Who said “we vote today”?');
    expect(datedRelative('elected this year', '2013-03')).toBe('elected this year');
    expect(datedRelative('elected this year', undefined)).toBe('elected this year');
  });
});

describe('backgroundNote: facts for the back, not remarks on the article', () => {
  it('drops the parts that say what the article leaves out', () => {
    expect(backgroundNote('The article gives only the name; Nature is a weekly scientific journal')).toBe('Nature is a weekly scientific journal');
    expect(backgroundNote('Not named in the article; he helped organize the 1963 Detroit Walk to Freedom')).toBe('He helped organize the 1963 Detroit Walk to Freedom');
    expect(backgroundNote('The article does not say which broadcaster it is')).toBeUndefined();
    expect(backgroundNote('The US space agency')).toBe('The US space agency');
    expect(backgroundNote(undefined)).toBeUndefined();
  });
});

describe('inSentence: "the" before a name where English puts it (rule 11)', () => {
  it('follows the article, not counting a name used as an adjective after "a"/"an"', () => {
    expect(inSentence('Elton John AIDS Foundation', 'at an Elton John AIDS Foundation event in New York.', 'organization')).toBe('the Elton John AIDS Foundation');
    expect(inSentence('Vogue', 'She told Vogue in 2015.', 'organization')).toBe('Vogue');
    expect(inSentence('Detroit Walk to Freedom', 'organizing the 1963 Detroit Walk to Freedom with King', 'organization')).toBe('the Detroit Walk to Freedom');
    expect(inSentence('National Organization for Marriage', 'chairman of National Organization for Marriage, and president of the National Organization for Marriage', 'organization')).toBe(
      'the National Organization for Marriage',
    );
  });

  it('counts no name after a possessive or before a title as bare: "Ardern\'s Labour Party", "Māori Party Member of Parliament"', () => {
    const article = "Ardern's Labour Party won. It was backed by the then-opposition Labour Party. In 2009, Māori Party Member of Parliament Rahui Katene spoke.";
    expect(inSentence('Labour Party', article, 'organization')).toBe('the Labour Party');
    expect(inSentence('Māori Party', article, 'organization')).toBe('the Māori Party');
    expect(inSentence('Vogue', "Franklin's Vogue interview. She told Vogue in 2015.", 'organization')).toBe('Vogue');
  });
});

describe('nounPhrase: a role inside a question (rule 11)', () => {
  it('keeps the capital of a name or a people\'s adjective after "a", and lowers a title', () => {
    expect(nounPhrase('Māori Party Member of Parliament who introduced a bill', 'In 2009, Māori Party Member of Parliament Rahui Katene spoke.')).toBe(
      'a Māori Party Member of Parliament who introduced a bill',
    );
    expect(nounPhrase('British singer of her last hit', 'a duet with British singer George Michael')).toBe('a British singer of her last hit');
    expect(nounPhrase('Spokesman for the police')).toBe('the spokesman for the police');
  });
});

describe('parseClause: an adverb before the verb stays with it', () => {
  it('asks "did Starbucks openly support", not a sentence pasted after "did this happen?"', () => {
    const clause = parseClause('Starbucks openly supported the same-sex marriage legalization efforts in the state of Washington');
    expect(clause).toBeDefined();
    expect(questionOf('In what year', clause as NonNullable<typeof clause>)).toBe(
      'In what year did Starbucks openly support the same-sex marriage legalization efforts in the state of Washington?',
    );
  });

  it('reads "Ardern\'s" as a possessive, not "Ardern has", and keeps one clause of two', () => {
    const won = parseClause("Ardern's Labour Party won the general election with a majority");
    expect(won && questionOf('In what year', won, "It was Ardern's Labour Party.")).toBe("In what year did Ardern's Labour Party win the general election with a majority?");
    const removed = parseClause('Police removed the seals from the doors of the school and it was reopened');
    expect(removed && questionOf('On what date', removed)).toBe('On what date did police remove the seals from the doors of the school?');
    // "and" between two objects of one verb is no second clause.
    const signed = parseClause('Franklin signed with Atlantic and it was her best year');
    expect(signed?.rest).toBe('with Atlantic');
    expect(parseClause('Franklin signed with Atlantic and Columbia')?.rest).toBe('with Atlantic and Columbia');
  });
});

describe('mainClause: what happened, without the phrases around it (rule 11)', () => {
  it('drops an opening phrase without a verb and a closing relative or prepositional phrase', () => {
    expect(mainClause("With her father's help, Franklin signed a record contract with JVB Records")).toBe('Franklin signed a record contract with JVB Records');
    expect(mainClause('Franklin signed with Atlantic Records, where she focused on soul and R&B.')).toBe('Franklin signed with Atlantic Records');
    expect(mainClause('Aretha Franklin died at home, at about 9:50 am local time')).toBe('Aretha Franklin died at home');
    expect(mainClause('Protests turned violent when protesters tried to drag away buses, and over 200 people were injured')).toBe('Protests turned violent when protesters tried to drag away buses');
    // "On what date did athletics conclude …, on the final day of competition?" asks the time twice.
    expect(mainClause('Athletics concluded with the marathon, on the final day of competition')).toBe('Athletics concluded with the marathon');
  });

  it('keeps a clause whose opening has a verb, and a text without such phrases', () => {
    expect(mainClause('After the vote failed, the Senate passed the bill')).toBe('After the vote failed, the Senate passed the bill');
    expect(mainClause('Tear gas was banned in South Korea')).toBe('Tear gas was banned in South Korea');
  });
});

describe('small words of English, each from a bad card of a blind read', () => {
  it('lowers only the first part of a hyphenated word: "near-Earth"', () => {
    expect(lowerFirst('Near-Earth asteroid 1950 DA is held together', 'A near-Earth asteroid.')).toBe('near-Earth asteroid 1950 DA is held together');
  });

  it('accepts a pair of percentages as a range, and "percent" as "%" (rule 10)', () => {
    expect(answerVariants('45, 46 percent')).toEqual(expect.arrayContaining(['45-46 percent', '45 to 46 percent', '45-46%']));
    expect(answerVariants('38 percent')).toContain('38%');
  });

  it('puts a participle context after "when", and drops a party code from a role', () => {
    expect(withContext('Which words did Xi use', 'describing Putin')).toBe('Which words did Xi use when describing Putin?');
    expect(withContext('Who said “…”', 'at a panel in Munich')).toBe('At a panel in Munich, who said “…”?');
    expect(withoutPartyCode('the Representative (RI-1) who introduced H.R.1424')).toBe('the Representative who introduced H.R.1424');
    expect(withoutPartyCode('the senator (D-NY) from New York')).toBe('the senator from New York');
  });

  it('ends an answer as a sentence, but a quoted phrase as it was said: "“normal trade”", not "“normal trade”."', () => {
    expect(asSentence('“normal trade”')).toBe('“normal trade”');
    expect(asSentence('"old friend"')).toBe('"old friend"');
    expect(asSentence('an upside')).toBe('An upside.');
    expect(asSentence('He called it “normal trade”')).toBe('He called it “normal trade”.');
    expect(asSentence('It is “normal trade.”')).toBe('It is “normal trade.”');
  });
});
