namespace Dossier.Text.Tests;

public class QuoteFinderTests
{
    private static (string Quote, string? Speaker, string? Entity)[] Quotes(string text)
    {
        var d = Pipeline.Default.Run(text);
        return d.Quotes.Select(q => (d.Text[q.Start..q.End],
            q.HasSpeaker ? d.Span(q.SpeakerStart, q.SpeakerEnd).ToString() : null,
            q.Entity >= 0 ? d.EntitySpan(d.Entities[q.Entity]).ToString() : null)).ToArray();
    }

    [Fact]
    public void Quote_then_speaker_and_verb() =>
        Assert.Equal(("We will talk again", "Sergey Lavrov", "Sergey Lavrov"), Assert.Single(Quotes("\"We will talk again,\" Sergey Lavrov said.")));

    [Fact]
    public void Quote_then_verb_and_speaker() =>
        Assert.Equal("Emmanuel Macron", Assert.Single(Quotes("\u201CIt was frank,\u201D said Emmanuel Macron.")).Entity);

    [Fact]
    public void Quote_then_verb_and_a_described_speaker() =>
        Assert.Equal("former Utah governor Michael Leavitt", Assert.Single(Quotes("\"There has been talk about that,\" said former Utah governor Michael Leavitt, a friend of the family.")).Speaker);

    [Fact]
    public void Speaker_and_colon_before_the_quote() =>
        Assert.Equal("Johnson", Assert.Single(Quotes("Mr Johnson said: \"The community sought to make it clear.\"")).Entity);

    [Fact]
    public void Any_verb_before_a_colon_introduces_the_quote() =>
        Assert.Equal("Martin O'Malley", Assert.Single(Quotes("The senator listed her plans, to which Martin O'Malley interjected: \"It is just not true.\"")).Speaker);

    [Fact]
    public void A_statement_does_not_speak_its_author_does()
    {
        Assert.Equal("The harbour board", Assert.Single(Quotes("The harbour board issued a statement saying the ferry would \"stay in port until the storm passes\".")).Speaker);
        Assert.Equal("the transport agency", Assert.Single(Quotes("In a statement announcing the closure, the transport agency called the bridge \"a danger to every driver\".")).Speaker);
    }

    [Fact]
    public void An_it_with_no_verb_of_saying_is_not_the_speaker() =>
        Assert.Equal("Anna Berg", Assert.Single(Quotes("Somehow it fell to Anna Berg to defend the \"soggy triumph\" of the parade.")).Speaker);

    [Fact]
    public void Quotes_joined_by_and_share_the_speaker_named_after_the_last() =>
        Assert.Equal(["Anna Berg", "Anna Berg"], Quotes("The plan is \"reckless\" and \"short-sighted,\" Mayor Anna Berg said.").Select(q => q.Entity));

    [Fact]
    public void A_quote_signed_with_a_dash_and_a_name_on_its_line()
    {
        var quotes = Quotes("Readers told us what the vote meant to them.\n\n\u201CThe bridge has been closed for two winters and nobody listens to us.\u201D \u2015 Marta K. Olsen\n\u201CI will vote for whoever reopens it.\u201D \u2014 Tomas Berg.\n");
        Assert.Equal(["Marta K. Olsen", "Tomas Berg"], quotes.Select(q => q.Speaker));
        // A dash that goes on with a sentence does not sign the quotation.
        Assert.Null(Assert.Single(Quotes("Each day without the bridge is \u201Canother day the town shrinks\u201D \u2014 Harbour Road shops close early.")).Speaker);
    }

    [Fact]
    public void Any_verb_after_a_quote_ending_in_a_comma_reports_it() =>
        Assert.Equal("Francois Hollande", Assert.Single(Quotes("\"France will always be France,\" Francois Hollande retorted angrily.")).Entity);

    [Fact]
    public void An_appositive_between_speaker_and_verb_is_skipped() =>
        Assert.Equal("Ben Jealous", Assert.Single(Quotes("Ben Jealous, the former president of the association, said they should \"reach out\" to voters.")).Entity);

    [Fact]
    public void A_participle_reports_for_the_subject_of_its_clause() =>
        Assert.Equal("Ben Carson", Assert.Single(Quotes("Ben Carson rejected the notion that it was water under the bridge, saying that he \"would fix it.\"")).Entity);

    [Fact]
    public void A_pronoun_does_not_stand_for_a_person_the_quote_names()
    {
        var q = Assert.Single(Quotes("Donald Trump spoke to Fox News on Wednesday. \"Confidence under the administration of Donald Trump has not improved,\" he said."));
        Assert.Equal("he", q.Speaker);
        Assert.Null(q.Entity);
    }

    [Fact]
    public void So_called_does_not_report_speech()
    {
        var quotes = Quotes("Mr Macron said he is looking toward a partnership against the so called Islamic State. \"Let's fight for all the restrictions to be scrapped\".");
        Assert.Equal("Macron", Assert.Single(quotes).Entity);
    }

    [Fact]
    public void A_pronoun_refers_to_the_nearest_earlier_person()
    {
        var q = Assert.Single(Quotes("Vladimir Putin arrived late. \"We have disagreements,\" he added."));
        Assert.Equal("he", q.Speaker);
        Assert.Equal("Vladimir Putin", q.Entity);
    }

    [Fact]
    public void According_to_names_the_speaker() =>
        Assert.Equal("Dmitry Peskov", Assert.Single(Quotes("According to Dmitry Peskov, \"nothing has changed\" since then.")).Entity);

    [Fact]
    public void Nested_quotes_stay_inside_the_outer_quote()
    {
        var q = Assert.Single(Quotes("\"The principle of \"innocent until proven guilty\" has to be respected\", Lavrov said."));
        Assert.Equal("The principle of \"innocent until proven guilty\" has to be respected", q.Quote);
        Assert.Equal("Lavrov", q.Entity);
    }

    [Fact]
    public void A_scare_quote_belongs_to_the_speaker_of_its_sentence() =>
        Assert.Equal("Emmanuel Macron", Assert.Single(Quotes("Emmanuel Macron told reporters that both must \"eradicate terrorist groups\" in Syria.")).Entity);

    [Fact]
    public void A_quote_in_reported_speech_belongs_to_the_outer_speaker() =>
        Assert.Equal("Chris Murphy", Assert.Single(Quotes("Senator Chris Murphy said she must reach voters who are in what he called a \"revolutionary mood\" this year.")).Entity);

    [Fact]
    public void The_second_part_of_a_split_quote_keeps_the_speaker()
    {
        var found = Quotes("\"The kids thought it was part of the fireworks,\" Jimmy Ghazal said. \"We just told them it was.\"");
        Assert.Equal(2, found.Length);
        Assert.All(found, q => Assert.Equal("Jimmy Ghazal", q.Speaker));
    }

    [Fact]
    public void A_quoted_paragraph_continues_the_previous_speaker()
    {
        var found = Quotes("\"We lost the vote,\" said Anna Lee.\n\n\"Next year will be different.\"");
        Assert.Equal(2, found.Length);
        Assert.Equal("Anna Lee", found[1].Speaker);
    }

    [Fact]
    public void A_quote_after_a_sentence_of_reported_speech_is_its_speakers() =>
        Assert.Equal("Sam Lau", Assert.Single(Quotes("Sam Lau said in a statement. \"There are no paper ballots to recount.\"")).Speaker);

    [Fact]
    public void A_quote_over_two_paragraphs_is_one_quote()
    {
        var q = Assert.Single(Quotes("\"The first part goes on for a while.\n\n\"And the second part ends it,\" Anna Lee said."));
        Assert.StartsWith("The first part", q.Quote, StringComparison.Ordinal);
        Assert.EndsWith("ends it", q.Quote, StringComparison.Ordinal);
        Assert.Equal("Anna Lee", q.Speaker);
    }

    [Fact]
    public void Double_apostrophes_are_quotation_marks() =>
        Assert.Equal(("China represented a shock", "Mr. Autor"), Assert.Single(Quotes("''China represented a shock,'' Mr. Autor said.")) is var q ? (q.Quote, q.Speaker) : default);

    [Fact]
    public void Curly_quotes_typed_the_wrong_way_round_are_read_by_their_spacing() =>
        Assert.Equal("It is over", Assert.Single(Quotes("\u201DIt is over,\u201D Anna Lee said.")).Quote);

    [Fact]
    public void An_unclosed_quote_does_not_swallow_the_next_paragraph()
    {
        var found = Quotes("He said \"this never ends.\n\nThe next paragraph is \"quoted\" by Ann Lee, she said.");
        Assert.DoesNotContain(found, q => q.Quote.Contains("next paragraph", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quote_with_no_speaker_keeps_none()
    {
        var q = Assert.Single(Quotes("\"It was an exchange that was extremely frank.\""));
        Assert.Null(q.Speaker);
    }

    [Fact]
    public void A_quoted_title_is_not_a_quotation() =>
        Assert.Empty(Quotes("The candidate appeared on \"Meet the Press\" on Sunday."));

    [Fact]
    public void A_short_unattributed_scare_quote_is_not_a_quotation() =>
        Assert.Empty(Quotes("The \"deal\" was signed on Monday."));

    [Fact]
    public void A_markup_attribute_value_is_not_a_quotation() =>
        Assert.Empty(Quotes("<tweet tweet-id=\"677987721273458689\" tweet-author=\"Some Body Here Today\"><tweet/>"));

    [Fact]
    public void A_participle_after_a_preposition_reports_for_the_clause_subject()
    {
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Angela Merkel ended her speech by saying \"we will manage this together\".")).Entity);
        Assert.Equal("An early report", Assert.Single(Quotes("An early report quoted the minister as saying \"the harvest failed in every province\".")).Speaker);
    }

    [Fact]
    public void A_participle_after_the_quote_names_whom_the_subject_told() =>
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Angela Merkel called the result \"a clear mandate for the coalition,\" telling reporters in Berlin that she would stay.")).Entity);

    [Fact]
    public void A_determiner_phrase_after_a_verb_is_its_object_not_the_speaker() =>
        Assert.Equal("The Guardian", Assert.Single(Quotes("The Guardian reveals a few numbers: \"Of the 900 workers, only 12 were paid on time.\"")).Speaker);

    [Fact]
    public void A_quoted_title_after_a_preposition_or_a_naming_word_is_no_quote()
    {
        Assert.Empty(Quotes("Angela Merkel said on \"Morning Politics Today\" that the talks had failed."));
        Assert.Empty(Quotes("Angela Merkel wrote in her memoir, \"Years of Change\", about the reunification."));
    }

    [Fact]
    public void Words_after_a_comma_closing_a_quote_inside_a_sentence_are_no_attribution()
    {
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Angela Merkel says no rival is \"on pace to win the nomination,\" the number needed to lead the party.")).Entity);
        Assert.Equal("she", Assert.Single(Quotes("After saying her knee was \"too sore to walk on for a week,\" she cancelled the rally.")).Speaker);
    }

    [Fact]
    public void A_dateline_is_not_the_subject_of_its_sentence() =>
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Headline\n\nUNITED NATIONS — Angela Merkel weighed in on the dispute, calling the delay \"a failure of the whole cabinet\".")).Entity);

    [Fact]
    public void A_phrase_before_a_passive_participle_does_not_speak() =>
        Assert.DoesNotContain(Quotes("The rally went on for hours, and his supporters were shown chanting \"four more years for the mayor\" on every screen."),
            q => q.Speaker is { } s && s.Contains("shown", StringComparison.Ordinal));

    [Fact]
    public void An_object_pronoun_after_told_is_the_listener() =>
        Assert.DoesNotMatch("^me\\b", Assert.Single(Quotes("\"We have never seen the river this low in forty years,\" told me the harbour master.")).Speaker ?? "");

    [Fact]
    public void A_sentence_adverb_before_a_comma_is_not_the_subject() =>
        Assert.Equal("it", Assert.Single(Quotes("Meanwhile, it attacked Angela Merkel, saying she \"has failed every family in the country\".")).Speaker);

    [Fact]
    public void The_owner_of_a_claim_states_the_quote() =>
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("The agency looked into Angela Merkel's claim that there were \"thousands of empty flats\" in the city.")).Entity);

    [Fact]
    public void A_phrase_opening_with_a_preposition_is_no_subject() =>
        Assert.DoesNotMatch("^In ", Assert.Single(Quotes("In other words, explained the moderator: \"What does that have to do with the budget?\"")).Speaker ?? "");

    [Fact]
    public void A_paragraph_ending_in_a_verb_and_a_colon_introduces_the_quoted_paragraph_after_it()
    {
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Headline\n\nAngela Merkel echoed:\n\n\"We will not give up on the treaty, whatever it costs us.\"")).Entity);
        Assert.Equal("Merkel", Assert.Single(Quotes("Headline\n\nStated Merkel:\n\n\"We will not give up on the treaty, whatever it costs us.\"")).Speaker);
    }

    [Fact]
    public void Short_words_ending_in_s_are_not_verbs() =>
        Assert.Equal("the city council website", Assert.Single(Quotes("Headline\n\nIt is hard to overstate the plan, as the city council website notes:\n\n\"In the spring of 1960, forty families met to plan the new harbour.\"")).Speaker);

    [Fact]
    public void A_name_and_a_copula_after_a_question_start_a_new_statement() =>
        Assert.DoesNotContain(Quotes("Angela Merkel's response was: \"Is Harbour House still open on Sundays?\" Harbour House is a gift shop in Kiel."),
            q => q.Speaker == "Harbour House");

    [Fact]
    public void The_owner_of_a_response_gives_it() =>
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Asked by Olaf Scholz about the flood, Angela Merkel's response was: \"Send every boat we have to the coast.\"")).Entity);

    [Fact]
    public void A_paragraph_ending_in_a_colon_gives_its_subject_to_the_quoted_paragraph() =>
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Headline\n\nOn July 6, 2015, Angela Merkel made the following remark:\n\n\"For young people who left school early, the jobless rate is a third.\"")).Entity);

    [Fact]
    public void A_number_may_open_the_speaker_after_said() =>
        Assert.Equal("9/11 widow Sara Lind", Assert.Single(Quotes("\"The reasons for the veto do not hold,\" said 9/11 widow Sara Lind.")).Speaker);

    [Fact]
    public void Calling_someone_a_name_is_speech() =>
        Assert.Equal("many commentators", Assert.Single(Quotes("After the debate, many commentators called him \"the only grown-up on the stage\".")).Speaker);

    [Fact]
    public void A_relative_clause_does_not_report_the_quote() =>
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Angela Merkel, who says the allies should send ships, tweeted that the plan \"will not stop a single smuggler\".")).Speaker);

    [Fact]
    public void A_sentence_that_opens_with_its_source_gives_it_the_quote() =>
        Assert.Equal("the harbour board", Assert.Single(Quotes("According to the harbour board, one warning sign read, \"Trust the tide, but check the forecast.\"")).Speaker);

    [Fact]
    public void Remarks_do_not_speak_their_author_does() =>
        Assert.DoesNotMatch("remarks", Assert.Single(Quotes("When Angela Merkel tried to defend her remarks calling the plan \"reckless and late\", the room fell silent.")).Speaker ?? "");

    [Fact]
    public void A_participle_after_a_preposition_reports_for_the_earlier_speaker()
    {
        var quotes = Quotes("Asked about Olaf Scholz's plan, Angela Merkel said the ruling had \"kept us safe\" before claiming that open borders were \"tearing families apart\".");
        Assert.Equal("Angela Merkel", quotes.Single(q => q.Quote == "tearing families apart").Entity);
    }

    [Fact]
    public void The_subject_of_the_clause_before_the_quote_speaks_it() =>
        Assert.Equal("Angela Merkel", Assert.Single(Quotes("Even before Olaf Scholz spoke about him, Angela Merkel had criticized the envoy as \"a man who never listens to anyone\".")).Entity);

    [Fact]
    public void As_X_put_it_names_the_speaker() =>
        Assert.Equal("a German diplomat", Assert.Single(Quotes("The summit was, as a German diplomat put it, \"a long dinner with no dessert\".")).Speaker);

    [Fact]
    public void An_it_before_a_copula_opens_no_speaker_but_a_referring_it_speaks()
    {
        Assert.Equal("Maria Lopez", Assert.Single(Quotes("It was odd that Maria Lopez would praise the \"quiet revolution\" of the council.")).Speaker);
        Assert.Equal("It", Assert.Single(Quotes("The union kept up its campaign. It's opposing what it calls \"the worst budget in decades\".")).Speaker);
    }

    [Fact]
    public void A_quote_takes_the_speaker_of_a_later_quote_in_its_sentence() =>
        Assert.All(Quotes("Ticket sales were \"flat for about a month\" as fans waited out the \"rebuilding season,\" she said."),
            q => Assert.Equal("she", q.Speaker));

    [Fact]
    public void A_bare_report_after_a_quote_that_ends_its_sentence_names_the_speaker() =>
        Assert.Equal("Ms Okafor", Assert.Single(Quotes("\u201CWe will rebuild the bridge.\u201D Ms Okafor said.")).Speaker);

    [Fact]
    public void A_place_and_a_title_before_the_speaker_belong_to_the_mention()
    {
        var quote = Assert.Single(Quotes("\u201CWe cast our votes for the mayor!\u201D US Senator Ana Ruiz said as the count began."));
        Assert.Equal(("US Senator Ana Ruiz", "Ana Ruiz"), (quote.Speaker, quote.Entity));
    }

    [Fact]
    public void A_verb_of_saying_that_opens_the_clause_beats_any_verb_before_a_colon()
    {
        Assert.Equal("He", Assert.Single(Quotes("He adds that the voters have two choices: \"Stay home or vote for change.\"")).Speaker);
        Assert.Equal("Martin O'Malley", Assert.Single(Quotes("She said that her plans were strong, to which Martin O'Malley interjected: \"It is just not true.\"")).Speaker);
    }

    [Fact]
    public void An_inner_quotation_that_ends_with_the_outer_one_does_not_hide_the_speaker() =>
        Assert.Equal("Ana Ruiz", Assert.Single(Quotes("''I would call it 'old-school,''' said Ana Ruiz, a former ambassador.")).Entity);

    [Fact]
    public void A_long_appositive_between_the_speaker_and_the_verb_after_the_quote_is_skipped() =>
        Assert.Equal("Ana Ruiz", Assert.Single(Quotes("\"The plan has no strategy,\" Ana Ruiz, the former governor of the state and a candidate for the senate, told CNN.")).Entity);
}
