-- Every CRM "How did you hear about us?" answer, matched to the known people it names.
-- Answer and names are compared in one spelling (`normalize_person_name`). A person is named
-- where the answer holds their first name followed by
--   1. their last name exactly (`full_name`),
--   2. their last name with a typo: Damerau-Levenshtein distance at most 1, or 2 for a last
--      name of 9+ letters; last names shorter than 4 letters need an exact match (`fuzzy_last_name`),
--   3. the initial of their last name as a word of its own, "dana w." (`last_name_initial`).
-- At each place in the answer the best kind of match wins; two people tied there make the
-- place ambiguous and nobody is credited from it. An answer naming nobody stays, with a null
-- person (`match_method` `unmatched` or `ambiguous`), so it can still be read and fixed.
-- Answer texts stay in the intermediate layer; marts never publish them.

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

people as (

    select * from {{ ref('int_people_identified') }}

),

answers as (

    select
        contact_id,
        how_did_you_hear as answer_text,
        string_split({{ normalize_person_name('how_did_you_hear') }}, ' ') as answer_tokens
    from contacts
    where how_did_you_hear is not null

),

answer_positions as (

    select
        contact_id,
        answer_tokens,
        unnest(range(1, len(answer_tokens) + 1)) as token_position
    from answers

),

answer_words as (

    select
        contact_id,
        answer_tokens,
        token_position,
        answer_tokens[token_position] as word,
        answer_tokens[token_position + 1] as following_token
    from answer_positions

),

candidate_people as (

    select
        person_id,
        first_name_key,
        last_name_key,
        replace(last_name_key, ' ', '') as last_name_letters,
        len(string_split(last_name_key, ' ')) as last_name_token_count
    from people
    where last_name_key is not null

),

candidates as (

    select
        answer_words.contact_id,
        answer_words.token_position,
        candidate_people.person_id,
        candidate_people.last_name_letters,
        array_to_string(
            answer_words.answer_tokens[
                answer_words.token_position + 1:
                answer_words.token_position + candidate_people.last_name_token_count
            ],
            ''
        ) as following_letters,
        answer_words.following_token
    from answer_words
    inner join candidate_people on answer_words.word = candidate_people.first_name_key

),

graded as (

    select
        contact_id,
        token_position,
        person_id,
        case
            when following_letters = last_name_letters then 1
            when
                length(last_name_letters) >= 4
                and damerau_levenshtein(following_letters, last_name_letters)
                <= case when length(last_name_letters) >= 9 then 2 else 1 end
                then 2
            when
                length(following_token) = 1
                and following_token = left(last_name_letters, 1)
                then 3
        end as match_rank
    from candidates

),

graded_matches as (

    select * from graded
    where match_rank is not null

),

position_best as (

    select
        contact_id,
        token_position,
        min(match_rank) as best_rank
    from graded_matches
    group by contact_id, token_position

),

position_winners as (

    select
        graded_matches.contact_id,
        graded_matches.token_position,
        graded_matches.person_id,
        graded_matches.match_rank
    from graded_matches
    inner join position_best
        on
            graded_matches.contact_id = position_best.contact_id
            and graded_matches.token_position = position_best.token_position
            and graded_matches.match_rank = position_best.best_rank

),

position_ties as (

    select
        contact_id,
        token_position,
        count(distinct person_id) as people_tied
    from position_winners
    group by contact_id, token_position

),

position_matches as (

    select
        position_winners.contact_id,
        position_winners.person_id,
        position_winners.match_rank,
        position_ties.people_tied
    from position_winners
    inner join position_ties
        on
            position_winners.contact_id = position_ties.contact_id
            and position_winners.token_position = position_ties.token_position

),

person_matches as (

    select
        contact_id,
        person_id,
        min(match_rank) as match_rank
    from position_matches
    where people_tied = 1
    group by contact_id, person_id

),

ambiguous_answers as (

    select distinct contact_id
    from position_matches
    where people_tied > 1

),

final as (

    select
        answers.contact_id,
        answers.answer_text,
        person_matches.person_id,
        case
            when person_matches.match_rank = 1 then 'full_name'
            when person_matches.match_rank = 2 then 'fuzzy_last_name'
            when person_matches.match_rank = 3 then 'last_name_initial'
            when ambiguous_answers.contact_id is not null then 'ambiguous'
            else 'unmatched'
        end as match_method
    from answers
    left join person_matches on answers.contact_id = person_matches.contact_id
    left join ambiguous_answers on answers.contact_id = ambiguous_answers.contact_id

)

select * from final
