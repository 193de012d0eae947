/**
 * Name pools for synthetic people, by heritage, and the DfE ethnicity codes drawn roughly in
 * England's proportions. Every person made from these is fictional.
 */
export type Heritage =
  | 'british'
  | 'irish'
  | 'traveller'
  | 'roma'
  | 'eastern-european'
  | 'indian'
  | 'pakistani'
  | 'bangladeshi'
  | 'other-asian'
  | 'caribbean'
  | 'african'
  | 'chinese'
  | 'other';

export type NamePool = { female: string[]; male: string[]; surnames: string[] };

const w = (text: string): string[] => text.split(' ');

export const NAME_POOLS: Record<Heritage, NamePool> = {
  british: {
    female: w('Olivia Amelia Isla Ava Mia Ivy Lily Isabella Sophia Grace Freya Poppy Evie Ella Charlotte Ruby Daisy Florence Willow Rosie Emily Jessica Chloe Megan Lauren Hannah Bethany Courtney Shannon Jade Kirsty Leanne Gemma Stacey Kelly Samantha Donna Tracy Karen Michelle Zoë Elizabeth Margaret Susan Jacqueline'),
    male: w('Oliver George Harry Noah Jack Leo Arthur Muhammad Oscar Charlie Jacob Thomas Freddie Alfie Archie Henry Theo Joshua Daniel Ryan Liam Connor Kyle Callum Jordan Bradley Lewis Nathan Dean Craig Lee Wayne Darren Gary Stephen Paul Mark Jason Shaun William Alexander Robert Christopher'),
    surnames: w('Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Hughes Edwards Turner Hill Moore Harris Cooper Ward Morris Baker Lewis Bennett Griffiths Marsh Pickering Fairbrother Ollerenshaw Hargreaves Whitworth Cartwright Haworth Sutcliffe Pemberton Entwistle Ramsbottom Ackroyd'),
  },
  irish: {
    female: w('Aoife Siobhan Niamh Ciara Saoirse Róisín Orla Caoimhe Sinead Aisling Maeve Grainne Clodagh Eimear Bridget Mary Kathleen Nora'),
    male: w('Cian Oisín Conor Darragh Padraig Seamus Ciaran Eoin Fionn Declan Colm Eamon Sean Niall Liam Kieran Patrick Michael'),
    surnames: w("Murphy Kelly O'Brien O'Connor Byrne Ryan Walsh O'Sullivan McCarthy Doyle Gallagher Kennedy Lynch Quinn Brennan Fitzgerald Dunne Nolan Keane McLaughlin"),
  },
  traveller: {
    female: w('Bridget Margaret Mary Kathleen Winnie Nora Ellen Josie Shauna Kayleigh Chelsea Tiffany Breda Geraldine Roseanne'),
    male: w('Johnny Patrick Martin Michael Tommy Christy John James Francie Paddy Jimmy Joseph Willie Mikey Bernard'),
    surnames: w('McDonagh Ward Connors Maughan Joyce Doran Stokes Quilligan Cash Delaney McGinley Furey Collins Sherlock McInerney'),
  },
  roma: {
    female: w('Denisa Roxana Nikola Marcela Žaneta Klaudia Simona Vanesa Monika Gabriela Renata Dóra'),
    male: w('Marian Roman Dušan Milan Tomáš Jozef Ladislav Patrik Erik Dominik Ferenc Sándor'),
    surnames: w('Lakatos Balogh Horváth Kaleja Dunka Oláh Gunár Bandy Kováč Sivák Lăcătuș Ciurar'),
  },
  'eastern-european': {
    female: w('Zuzanna Julia Maja Katarzyna Agnieszka Małgorzata Anna Oliwia Natalia Weronika Ioana Andreea Elena Bianca Gabriela Ieva Gabija Ugnė Daria Kristina Mihaela Desislava'),
    male: w('Jakub Kacper Szymon Filip Mateusz Łukasz Piotr Tomasz Krzysztof Andrei Alexandru Ionuț Mihai Darius Lukas Matas Mantas Jonas Stefan Nikolai Georgi Dmytro'),
    surnames: w('Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Popescu Ionescu Popa Stan Dumitru Kazlauskas Jankauskas Petrauskas Vasiliauskas Ivanov Petrov Dimitrov Kovalenko Shevchenko'),
  },
  indian: {
    female: w('Priya Anjali Kavya Simran Harpreet Navneet Jasleen Manpreet Aarya Diya Isha Meera Riya Asha Gurpreet Kiran Neha Pooja'),
    male: w('Arjun Rohan Aarav Vihaan Harjit Gurdeep Jaspal Manjit Rajesh Sanjay Amit Vikram Ravi Kabir Sukhdev Hardeep Nikhil Dev'),
    surnames: w('Patel Sharma Singh Kaur Gill Sandhu Sidhu Mistry Shah Mehta Gupta Kumar Chauhan Parmar Bains Dhillon Joshi Rana'),
  },
  pakistani: {
    female: w('Ayesha Fatima Maryam Zainab Hafsa Khadija Amina Iqra Sana Noor Mehwish Rabia Samina Nazia Shazia Anum Hira Aliya'),
    male: w('Muhammad Mohammed Ali Hassan Hussain Ibrahim Yusuf Bilal Imran Tariq Asif Zubair Usman Hamza Adnan Kashif Shahid Faisal'),
    surnames: w('Khan Ahmed Hussain Ali Iqbal Akhtar Mahmood Rashid Aslam Butt Qureshi Malik Chaudhry Shah Mirza Raza Bashir Javed'),
  },
  bangladeshi: {
    female: w('Fatema Nusrat Tasnim Sumaiya Jannat Ruksana Shahana Farzana Nasima Taslima Rumana Sabrina Afia Mahira'),
    male: w('Abdul Rahim Karim Shahidul Mizanur Jamal Sohel Rubel Ashraf Kamrul Tanvir Arif Rayhan Saiful'),
    surnames: w('Miah Begum Uddin Rahman Islam Hoque Ahmed Choudhury Alam Khatun Hossain Sarkar Talukdar Bibi'),
  },
  'other-asian': {
    female: w('Tharshini Nirosha Kavitha Parwana Zarghona Sunita Anjana Maricel Jasmine Rowena Hasini Nilufar'),
    male: w('Tharshan Kajan Ahmad Farid Mustafa Bishal Suraj Rodel Jomar Ramesh Sajeevan Wahid'),
    surnames: w('Sivakumar Kanagaratnam Rahimi Popal Karimi Gurung Thapa Tamang Santos Reyes Navaratnam Sultani'),
  },
  caribbean: {
    female: w('Shanice Tanisha Jada Keisha Aaliyah Chantelle Latoya Monique Marcia Sharon Beverley Yvonne Simone Kadeen Tia Jasmine'),
    male: w('Tyrone Jermaine Marcus Devon Andre Leon Delroy Winston Clive Errol Kareem Tyrese Jaden Kai Darnell Nathaniel'),
    surnames: w('Campbell Brown Williams Thomas Francis Gordon Grant Bailey Reid Barrett Stewart Henry Morgan Hinds Gayle Bennett Samuels Clarke'),
  },
  african: {
    female: w('Oluwaseun Chidinma Adaeze Ngozi Folake Abena Akosua Ama Ayan Hodan Fartun Sagal Nyasha Tendai Chipo Blessing Precious Favour Mercy Grace Helen Semhar Luwam'),
    male: w('Oluwaseun Chinedu Emeka Tunde Kwame Kofi Yaw Kwabena Abdi Mohamed Ahmed Yusuf Tinashe Farai Tatenda Samuel Emmanuel Daniel David Joseph Dawit Yonas'),
    surnames: w('Okafor Adeyemi Okonkwo Eze Adebayo Ogunleye Mensah Asante Boateng Owusu Osei Abdullahi Warsame Farah Jama Hassan Moyo Ndlovu Chikwanha Mutasa Tesfaye Haile Bekele'),
  },
  chinese: {
    female: w('Mei Ling Xiaoyu Yan Hui Jing Wing Siu Yee Lok'),
    male: w('Wei Jun Hao Ming Jian Chun Kwok Tak Ho Kin'),
    surnames: w('Wong Chan Li Wang Zhang Liu Chen Lam Cheung Ho Ng Yip Tang Lau'),
  },
  other: {
    female: w('Layla Yasmin Nour Leila Shirin Dilan Rojin Zeynep Elif Valentina Camila Mariana Sofía'),
    male: w('Omar Karim Youssef Reza Dara Soran Kawa Emre Mehmet Mateo Santiago José Carlos'),
    surnames: w('Haddad Mansour Khalil Al-Sayed Ahmadi Hosseini Barzani Mohammadi Yilmaz Demir Kaya Fernandes Oliveira Rodríguez'),
  },
};

/** DfE ethnicity codes, weighted roughly like England's children, with the name heritage each draws on. */
export const ETHNICITY_WEIGHTS: readonly (readonly [{ code: string; heritage: Heritage; other?: Heritage }, number])[] = [
  [{ code: 'WBRI', heritage: 'british' }, 620],
  [{ code: 'WIRI', heritage: 'irish' }, 10],
  [{ code: 'WIRT', heritage: 'traveller' }, 6],
  [{ code: 'WROM', heritage: 'roma' }, 8],
  [{ code: 'WOTH', heritage: 'eastern-european' }, 70],
  [{ code: 'MWBC', heritage: 'british', other: 'caribbean' }, 18],
  [{ code: 'MWBA', heritage: 'british', other: 'african' }, 9],
  [{ code: 'MWAS', heritage: 'british', other: 'pakistani' }, 12],
  [{ code: 'MOTH', heritage: 'british', other: 'other' }, 20],
  [{ code: 'AIND', heritage: 'indian' }, 35],
  [{ code: 'APKN', heritage: 'pakistani' }, 45],
  [{ code: 'ABAN', heritage: 'bangladeshi' }, 18],
  [{ code: 'AOTH', heritage: 'other-asian' }, 15],
  [{ code: 'BCRB', heritage: 'caribbean' }, 12],
  [{ code: 'BAFR', heritage: 'african' }, 40],
  [{ code: 'BOTH', heritage: 'african' }, 6],
  [{ code: 'CHNE', heritage: 'chinese' }, 6],
  [{ code: 'OOTH', heritage: 'other' }, 20],
  [{ code: 'REFU', heritage: 'british' }, 3],
  [{ code: 'NOBT', heritage: 'british' }, 7],
];

/** The ethnicity code of a parent whose heritage is given (mixed families have one parent of each). */
export const PARENT_ETHNICITY: Record<Heritage, string> = {
  british: 'WBRI',
  irish: 'WIRI',
  traveller: 'WIRT',
  roma: 'WROM',
  'eastern-european': 'WOTH',
  indian: 'AIND',
  pakistani: 'APKN',
  bangladeshi: 'ABAN',
  'other-asian': 'AOTH',
  caribbean: 'BCRB',
  african: 'BAFR',
  chinese: 'CHNE',
  other: 'OOTH',
};

/** What a first language might be, by heritage (English is most common for every heritage born here). */
export const LANGUAGES: Record<Heritage, string[]> = {
  british: ['English'],
  irish: ['English'],
  traveller: ['English', 'Cant (Gammon)'],
  roma: ['Romani', 'Slovak', 'Romanian'],
  'eastern-european': ['Polish', 'Romanian', 'Lithuanian', 'Bulgarian', 'Ukrainian'],
  indian: ['Punjabi', 'Gujarati', 'Hindi'],
  pakistani: ['Urdu', 'Punjabi', 'Pashto'],
  bangladeshi: ['Bengali', 'Sylheti'],
  'other-asian': ['Tamil', 'Dari', 'Nepali', 'Tagalog'],
  caribbean: ['English'],
  african: ['Yoruba', 'Igbo', 'Twi', 'Somali', 'Shona', 'Tigrinya', 'Amharic'],
  chinese: ['Cantonese', 'Mandarin'],
  other: ['Arabic', 'Kurdish', 'Farsi', 'Turkish', 'Portuguese', 'Spanish'],
};

export const RELIGIONS: Record<Heritage, string[]> = {
  british: ['No religion', 'Christian', 'Not stated'],
  irish: ['Christian', 'No religion'],
  traveller: ['Christian'],
  roma: ['Christian', 'No religion'],
  'eastern-european': ['Christian', 'No religion'],
  indian: ['Sikh', 'Hindu', 'Muslim'],
  pakistani: ['Muslim'],
  bangladeshi: ['Muslim'],
  'other-asian': ['Hindu', 'Muslim', 'Buddhist', 'Christian'],
  caribbean: ['Christian', 'No religion', 'Rastafari'],
  african: ['Christian', 'Muslim'],
  chinese: ['No religion', 'Buddhist', 'Christian'],
  other: ['Muslim', 'Christian', 'No religion'],
};

/** Names people are known by. */
export const KNOWN_AS: Record<string, string> = {
  Alexander: 'Alex', Christopher: 'Chris', William: 'Billy', Robert: 'Bobby', Thomas: 'Tommy', Joshua: 'Josh',
  Elizabeth: 'Lizzie', Margaret: 'Maggie', Samantha: 'Sam', Jacqueline: 'Jackie', Charlotte: 'Lottie',
  Katarzyna: 'Kasia', Małgorzata: 'Gosia', Oluwaseun: 'Seun', Muhammad: 'Mo', Mohammed: 'Mo', Padraig: 'Paddy',
  Bridget: 'Biddy', Kathleen: 'Kath', Daniel: 'Danny', Nathaniel: 'Nate', Isabella: 'Bella', Gabriela: 'Gabi',
  Abdullahi: 'Abdi', Mariana: 'Mari', Nikolai: 'Kolya', Chidinma: 'Dinma', Adaeze: 'Ada', Tendai: 'Tee',
};
